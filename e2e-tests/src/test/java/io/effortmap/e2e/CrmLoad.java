package io.effortmap.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A partner CRM pushing survey responses and interactions through the gateway at a steady pace, as a careful client
 * would: every batch it did not get a 2xx for is sent again, unchanged (same external ids), until it is
 * acknowledged. It records every attempt (when, how long, what answer), and which items were acknowledged, so a test
 * can check that each of them is stored and counted exactly once.
 */
final class CrmLoad implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A client that waits longer than this is reported as hung. */
    static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_IN_FLIGHT = 8;

    enum Kind { RESPONSES, INTERACTIONS }

    /** One request: status 0 when there was no HTTP answer ({@code error} says why). */
    record Attempt(Kind kind, long sentNanos, long answeredNanos, int status, String retryAfter, String contentType,
            String error, String detail) {

        boolean acknowledged() {
            return status == 200;
        }

        Duration took() {
            return Duration.ofNanos(answeredNanos - sentNanos);
        }
    }

    private record Batch(Kind kind, List<String> externalIds, byte[] body) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final String gateway;
    private final Supplier<String> token;
    private final String surveyId;
    private final String journeyId;
    private final String touchpointId;
    private final String tag;
    private final int perBatch;
    private final Queue<Attempt> attempts = new ConcurrentLinkedQueue<>();
    private final Set<String> ackedResponses = ConcurrentHashMap.newKeySet();
    private final Set<String> ackedInteractions = ConcurrentHashMap.newKeySet();
    private final Queue<Batch> toRetry = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger sequence = new AtomicInteger();
    private final AtomicBoolean producing = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean();
    private final Instant occurredAt = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
    private Thread pacer;

    CrmLoad(String gateway, Supplier<String> token, String surveyId, String journeyId, String touchpointId, String tag,
            int perBatch) {
        this.gateway = gateway;
        this.token = token;
        this.surveyId = surveyId;
        this.journeyId = journeyId;
        this.touchpointId = touchpointId;
        this.tag = tag;
        this.perBatch = perBatch;
    }

    /** The customer every interaction of this load belongs to (its timeline lists them). */
    String customer() {
        return "cust-" + tag;
    }

    /** A batch of each kind every {@code period}, plus retries of failed ones. */
    void start(Duration period) {
        producing.set(true);
        running.set(true);
        pacer = Thread.ofPlatform().daemon().name("crm-load-" + tag).start(() -> {
            long next = System.nanoTime();
            while (running.get()) {
                if (producing.get()) {
                    send(newBatch(Kind.RESPONSES));
                    send(newBatch(Kind.INTERACTIONS));
                }
                for (int i = 0; i < 2; i++) {
                    Batch again = toRetry.poll();
                    if (again != null) {
                        send(again);
                    }
                }
                next += period.toNanos();
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    sleep(Duration.ofNanos(wait));
                }
            }
        });
    }

    /** Stops sending new batches; failed ones are still retried. */
    void stopProducing() {
        producing.set(false);
    }

    /** Waits until every batch sent so far was acknowledged; false if that did not happen within {@code timeout}. */
    boolean drain(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (toRetry.isEmpty() && inFlight.get() == 0) {
                return true;
            }
            sleep(Duration.ofMillis(100));
        }
        return false;
    }

    @Override
    public void close() {
        running.set(false);
        if (pacer != null) {
            pacer.interrupt();
        }
    }

    List<Attempt> attempts() {
        return new ArrayList<>(attempts);
    }

    Set<String> acknowledged(Kind kind) {
        return Set.copyOf(kind == Kind.RESPONSES ? ackedResponses : ackedInteractions);
    }

    int pendingRetries() {
        return toRetry.size() + inFlight.get();
    }

    private Batch newBatch(Kind kind) {
        List<String> ids = new ArrayList<>();
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < perBatch; i++) {
            String id = tag + "-" + (kind == Kind.RESPONSES ? "r" : "i") + sequence.incrementAndGet();
            ids.add(id);
            items.add(kind == Kind.RESPONSES
                    ? Map.of("externalId", id, "surveyId", surveyId, "customerId", id, "channel", "web",
                            "occurredAt", occurredAt.toString(),
                            "answers", List.of(Map.of("questionKey", "ces", "score", 1 + Math.floorMod(id.hashCode(), 7))))
                    : Map.of("externalId", id, "customerId", customer(), "journeyId", journeyId,
                            "touchpointId", touchpointId, "channel", "web", "occurredAt", occurredAt.toString(),
                            "outcome", "resolved"));
        }
        try {
            Object body = kind == Kind.RESPONSES ? Map.of("items", items) : items;
            return new Batch(kind, ids, JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void send(Batch batch) {
        if (inFlight.get() >= MAX_IN_FLIGHT) {
            toRetry.add(batch);
            return;
        }
        inFlight.incrementAndGet();
        String path = batch.kind() == Kind.RESPONSES ? "/api/v1/responses/bulk" : "/api/v1/interactions";
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(CLIENT_TIMEOUT)
                .header("Authorization", "Bearer " + token.get()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(batch.body())).build();
        long sent = System.nanoTime();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            long answered = System.nanoTime();
            try {
                if (failure != null) {
                    Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                    String error = cause instanceof HttpTimeoutException ? "no answer within " + CLIENT_TIMEOUT.toSeconds()
                            + " s" : cause.getClass().getSimpleName();
                    attempts.add(new Attempt(batch.kind(), sent, answered, 0, null, null, error, null));
                    toRetry.add(batch);
                    return;
                }
                attempts.add(new Attempt(batch.kind(), sent, answered, response.statusCode(),
                        response.headers().firstValue("Retry-After").orElse(null),
                        response.headers().firstValue("Content-Type").orElse(null), null,
                        response.statusCode() == 200 ? null : detail(response.body())));
                if (response.statusCode() == 200 && allStored(batch, response.body())) {
                    (batch.kind() == Kind.RESPONSES ? ackedResponses : ackedInteractions).addAll(batch.externalIds());
                } else {
                    toRetry.add(batch);
                }
            } finally {
                inFlight.decrementAndGet();
            }
        });
    }

    private static String detail(String body) {
        try {
            return JSON.readTree(body).path("detail").asText(null);
        } catch (IOException e) {
            return body.length() > 80 ? body.substring(0, 80) : body;
        }
    }

    /** Every item accepted now or already (a retry of an acknowledged item answers "duplicate"). */
    private static boolean allStored(Batch batch, String body) {
        try {
            JsonNode result = JSON.readTree(body);
            return result.path("rejected").asInt(-1) == 0
                    && result.path("accepted").asInt() + result.path("duplicates").asInt() == batch.externalIds().size();
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
