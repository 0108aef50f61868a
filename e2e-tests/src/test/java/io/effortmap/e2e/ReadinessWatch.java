package io.effortmap.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Polls the services' readiness every {@value #EVERY_MILLIS} ms, as an orchestrator's probe would (a check not
 * answered within 1 s counts as not ready), and keeps every observation with its time.
 */
final class ReadinessWatch implements AutoCloseable {

    static final long EVERY_MILLIS = 100;

    private record Observation(long nanos, boolean ready) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final Map<String, List<Observation>> observed = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    ReadinessWatch(Map<String, URI> readiness) {
        readiness.forEach((service, url) -> {
            List<Observation> list = new CopyOnWriteArrayList<>();
            observed.put(service, list);
            threads.add(Thread.ofPlatform().daemon().name("readiness-" + service).start(() -> {
                HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(1)).GET().build();
                while (running.get()) {
                    long at = System.nanoTime();
                    boolean ready;
                    try {
                        ready = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    } catch (Exception e) {
                        ready = false;
                    }
                    // Stamped when the probe's outcome is known: a probe that times out only says so after 1 s.
                    list.add(new Observation(System.nanoTime(), ready));
                    try {
                        Thread.sleep(Math.max(1, EVERY_MILLIS - (System.nanoTime() - at) / 1_000_000));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }));
        });
    }

    /** When a probe first found the service not ready at or after {@code fromNanos}. */
    OptionalLong firstDown(String service, long fromNanos) {
        return observed.get(service).stream().filter(o -> o.nanos() >= fromNanos && !o.ready())
                .mapToLong(Observation::nanos).findFirst();
    }

    /** When a probe first found the service ready at or after {@code fromNanos}. */
    OptionalLong firstUp(String service, long fromNanos) {
        return observed.get(service).stream().filter(o -> o.nanos() >= fromNanos && o.ready())
                .mapToLong(Observation::nanos).findFirst();
    }

    boolean readyNow(String service) {
        List<Observation> list = observed.get(service);
        return !list.isEmpty() && list.getLast().ready();
    }

    @Override
    public void close() {
        running.set(false);
        threads.forEach(Thread::interrupt);
    }
}
