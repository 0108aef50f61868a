package io.effortmap.launcher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.effortmap.launcher.platform.DataDirectory;
import io.effortmap.launcher.platform.LaunchException;
import io.effortmap.launcher.platform.Platform;
import io.effortmap.launcher.platform.Ports;
import io.effortmap.launcher.platform.StackConfig;
import io.effortmap.launcher.seed.Api;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * How long until an accepted response shows in the metrics, under a steady load. Starts a throw-away platform (free
 * ports, temporary data folder), creates one journey and CES survey, then a CRM client submits {@code rate}
 * responses per second through the gateway as a bulk request every {@code TICK} (open loop: a slow answer does not
 * slow the load), while an analyst polls the touchpoint's CES through the gateway every {@code POLL}. A batch's
 * freshness is from its request's answer to the first poll whose count proves it is included (see
 * {@link #report}); the poll interval is the measurement's resolution.
 */
public final class FreshnessBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration TICK = Duration.ofMillis(50);
    /** Beyond this many unanswered requests a tick is skipped (and reported), so an overloaded run degrades, not hangs. */
    private static final int MAX_IN_FLIGHT = 16;
    private static final Duration SERVICE_TOKEN_LIFESPAN = Duration.ofSeconds(60);
    /** The goal of issue 12: a response shows in the figures within a second, also across token renewals. */
    private static final long GOAL_P99_MILLIS = 1000;

    private final Consumer<String> out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public FreshnessBenchmark(Consumer<String> out) {
        this.out = out;
    }

    /** One bulk request: when it left, when it was answered, how many it added, and whether it is measured. */
    private record Batch(long begunNanos, long answeredNanos, long accepted, boolean measured, Instant answeredAt) {
    }

    public void run(Path root, int rate, Duration warmUp, Duration measured) {
        Path data;
        try {
            data = Files.createTempDirectory("effortmap-freshness");
        } catch (IOException e) {
            throw new LaunchException("Cannot create a temporary data folder: " + e.getMessage());
        }
        StackConfig config = new StackConfig(root, data, ports(System.getenv()), Path.of(System.getProperty("java.home")),
                StackConfig.Credentials.fromEnvironment(Map.of()));
        try (Platform platform = new Platform(config, out)) {
            platform.start();
            shortenServiceTokens(config, platform);
            measure(platform, config, rate, warmUp, measured);
            reportServiceTokens(config);
        } finally {
            keepOnlyLogs(data, config.logs());
        }
    }

    /** The {@code EFFORTMAP_*_PORT} ports when any is set (e.g. a port block on a shared machine), else free ones. */
    static Ports ports(Map<String, String> env) {
        return env.keySet().stream().anyMatch(name -> name.startsWith("EFFORTMAP_") && name.endsWith("_PORT"))
                ? Ports.fromEnvironment(env) : Ports.free();
    }

    /**
     * metrics-service's own token normally lives 60 minutes; for this run it lives {@link #SERVICE_TOKEN_LIFESPAN},
     * so that a run of minutes crosses many renewals (every quarter of the lifetime) and the freshness figures show
     * whether a renewal ever stalls ingestion. metrics-service restarts to fetch such a token.
     */
    private void shortenServiceTokens(StackConfig config, Platform platform) {
        String admin = adminToken(config);
        URI clients = URI.create(config.keycloakUrl() + "/admin/realms/effortmap/clients");
        JsonNode found = read(send(HttpRequest.newBuilder(URI.create(clients + "?clientId=metrics-service")).GET(),
                admin).body());
        JsonNode client = found.get(0);
        ((com.fasterxml.jackson.databind.node.ObjectNode) client.with("attributes"))
                .put("access.token.lifespan", Long.toString(SERVICE_TOKEN_LIFESPAN.toSeconds()));
        HttpResponse<String> updated;
        try {
            updated = send(HttpRequest.newBuilder(URI.create(clients + "/" + client.path("id").asText()))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(client))), admin);
        } catch (IOException e) {
            throw new LaunchException("Cannot encode the client: " + e.getMessage());
        }
        if (updated.statusCode() != 204) {
            throw new LaunchException("Could not shorten metrics-service's token lifespan: " + updated.statusCode());
        }
        platform.restart("metrics-service");
        out.accept(String.format(Locale.ROOT, "metrics-service's own token lives %d s in this run (60 min normally):"
                + " renewed every %d s.", SERVICE_TOKEN_LIFESPAN.toSeconds(), SERVICE_TOKEN_LIFESPAN.toSeconds() / 4));
    }

    private String adminToken(StackConfig config) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.keycloakUrl()
                        + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=admin&password="
                        + java.net.URLEncoder.encode(config.credentials().keycloakAdminPassword(),
                                java.nio.charset.StandardCharsets.UTF_8)))
                .build();
        try {
            return read(http.send(request, HttpResponse.BodyHandlers.ofString()).body()).path("access_token").asText();
        } catch (IOException e) {
            throw new LaunchException("Keycloak admin login failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("Interrupted");
        }
    }

    /** The renewals (and failed ones) metrics-service counted during the run, from its own metrics. */
    private void reportServiceTokens(StackConfig config) {
        String scrape = metricsScrape(config);
        out.accept("metrics-service's own token during the run: " + metricValue(scrape, "effortmap_service_token_renewals_total")
                + " renewals, " + metricValue(scrape, "effortmap_service_token_renewal_failures_total") + " failed.");
    }

    /** metrics-service's Prometheus metrics, from its management interface. */
    String metricsScrape(StackConfig config) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + config.ports().metricsManagement()
                    + "/q/metrics")).timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            throw new LaunchException("Could not read metrics-service's metrics: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("Interrupted");
        }
    }

    static String metricValue(String scrape, String name) {
        return scrape.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .map(line -> sampleValue(line, name)).findFirst().map(v -> v.replaceAll("\\.0$", ""))
                .orElse("?");
    }

    /**
     * The value of one sample line, {@code name{labels} value [timestamp] [# exemplar]}: the field after the name and
     * labels (the line's last field is an exemplar's timestamp once tracing adds exemplars to counters).
     */
    static String sampleValue(String line, String name) {
        String rest = line.substring(name.length());
        if (rest.startsWith("{")) {
            rest = rest.substring(rest.indexOf('}') + 1);
        }
        return rest.trim().split("\\s+", 2)[0];
    }

    /** The stores' data goes; the logs (services, stores, collections) stay for a look at a slow moment. */
    private void keepOnlyLogs(Path data, Path logs) {
        try (var entries = Files.list(data)) {
            entries.filter(entry -> !entry.equals(logs)).forEach(DataDirectory::delete);
        } catch (IOException e) {
            out.accept("Could not clean " + data + ": " + e.getMessage());
        }
        out.accept("Logs kept in " + logs);
    }

    private void measure(Platform platform, StackConfig config, int rate, Duration warmUp, Duration measured) {
        Api api = new Api(config.gatewayUrl(), config.issuer());
        String admin = api.userToken("alice", config.credentials().demoUserPassword());
        // The realm's tokens live 5 minutes and a run may last much longer: the load's own tokens are renewed.
        RenewedToken analyst = new RenewedToken(() -> api.userToken("adam", config.credentials().demoUserPassword()));
        RenewedToken crm = new RenewedToken(() -> api.clientToken("crm-acme", config.credentials().crmAcmeSecret()));
        ServiceTokenRenewals renewals = new ServiceTokenRenewals(this, config);
        JsonNode journey = api.post("/api/v1/journeys", Map.of("name", "Freshness benchmark", "stages",
                List.of(Map.of("name", "Purchase", "touchpoints", List.of(Map.of("name", "Checkout", "channel", "web"))))),
                admin, 201);
        String journeyId = journey.path("id").asText();
        String touchpointId = journey.path("stages").get(0).path("touchpoints").get(0).path("id").asText();
        String surveyId = api.post("/api/v1/surveys", Map.of("name", "Checkout effort", "journeyId", journeyId,
                "touchpointId", touchpointId, "companyName", "Acme",
                "questions", List.of(Map.of("key", "ces", "kind", "CES"), Map.of("key", "csat", "kind", "CSAT"))),
                admin, 201).path("id").asText();
        api.post("/api/v1/surveys/" + surveyId + "/activate", Map.of(), admin, 200, 0);
        URI metric = URI.create(config.gatewayUrl() + "/api/v1/metrics/journeys/" + journeyId + "/touchpoints/"
                + touchpointId + "?metric=CES");
        URI bulk = URI.create(config.gatewayUrl() + "/api/v1/responses/bulk");

        int perBatch = Math.max(1, (int) Math.round(rate * TICK.toMillis() / 1000.0));
        out.accept(String.format(Locale.ROOT, "%nLoad: %d responses/s as %d-response bulk requests every %d ms "
                + "(warm-up %d s, measured %d s); analyst polls every %d ms.", rate, perBatch, TICK.toMillis(),
                warmUp.toSeconds(), measured.toSeconds(), POLL.toMillis()));

        AtomicLong seen = new AtomicLong();
        AtomicBoolean polling = new AtomicBoolean(true);
        ConcurrentLinkedQueue<long[]> observations = new ConcurrentLinkedQueue<>();
        Thread poller = Thread.ofPlatform().name("freshness-poller").start(() -> {
            while (polling.get()) {
                long before = System.nanoTime();
                long n;
                try {
                    n = ces(metric, analyst.get());
                } catch (LaunchException e) {
                    n = 0;
                }
                if (n > seen.get()) {
                    seen.set(n);
                    observations.add(new long[] {System.nanoTime(), n});
                }
                sleepUntil(before + POLL.toNanos());
            }
        });

        List<Batch> batches = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Object>> inFlight = new ArrayList<>();
        Random random = new Random(42);
        long start = System.nanoTime();
        long measureFrom = start + warmUp.toNanos();
        long end = measureFrom + measured.toNanos();
        int sent = 0;
        int skipped = 0;
        Map<String, Duration> cpuAtStart = null;
        AtomicInteger pending = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        // Open loop: a batch leaves every tick whether or not earlier ones were answered.
        for (long next = start; next < end; next += TICK.toNanos()) {
            sleepUntil(next);
            if (cpuAtStart == null && next >= measureFrom) {
                cpuAtStart = platform.cpuTimes();
            }
            if (pending.get() >= MAX_IN_FLIGHT) {
                skipped++;
                continue;
            }
            List<Map<String, Object>> items = new ArrayList<>(perBatch);
            for (int i = 0; i < perBatch; i++) {
                items.add(Map.of("externalId", "fresh-" + (sent * perBatch + i), "surveyId", surveyId,
                        "customerId", "c-" + random.nextInt(10_000), "channel", "web",
                        "occurredAt", Instant.now().toString(),
                        "answers", List.of(Map.of("questionKey", "ces", "score", 1 + random.nextInt(7)),
                                Map.of("questionKey", "csat", "score", 1 + random.nextInt(5)))));
            }
            boolean counted = next >= measureFrom;
            long begun = System.nanoTime();
            pending.incrementAndGet();
            inFlight.add(postAsync(bulk, crm.get(), Map.of("items", items)).handle((result, failure) -> {
                pending.decrementAndGet();
                if (failure != null) {
                    failed.incrementAndGet();
                } else {
                    batches.add(new Batch(begun, System.nanoTime(), result.path("accepted").asLong(), counted,
                            Instant.now()));
                }
                return null;
            }));
            sent++;
        }
        inFlight.forEach(CompletableFuture::join);
        double seconds = (System.nanoTime() - measureFrom) / 1e9;
        Map<String, Duration> cpuAtEnd = platform.cpuTimes();
        long total = batches.stream().mapToLong(Batch::accepted).sum();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (seen.get() < total && System.nanoTime() < deadline) {
            sleepUntil(System.nanoTime() + POLL.toNanos());
        }
        polling.set(false);
        join(poller);
        analyst.close();
        crm.close();
        renewals.close();
        if (skipped > 0 || failed.get() > 0) {
            out.accept(String.format(Locale.ROOT, "The platform could not keep up with %d responses/s: %d ticks skipped "
                    + "with %d requests unanswered, %d requests failed.", rate, skipped, MAX_IN_FLIGHT, failed.get()));
        }
        report(new ArrayList<>(batches), new ArrayList<>(observations), seconds, total, seen.get(), measureFrom,
                renewals.samples());
        reportCpu(cpuAtStart, cpuAtEnd, seconds);
    }

    /** Where the machine's cores went during the measured part: a starved component shows as lag, not as an error. */
    private void reportCpu(Map<String, Duration> before, Map<String, Duration> after, double seconds) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "CPU during the measured part (%d cores; cores busy on average):", Runtime.getRuntime().availableProcessors()));
        after.forEach((name, used) -> {
            double cores = used.minus(before.getOrDefault(name, Duration.ZERO)).toNanos() / 1e9 / seconds;
            if (cores >= 0.005) {
                line.append(String.format(Locale.ROOT, " %s %.2f,", name, cores));
            }
        });
        out.accept(line.substring(0, line.length() - 1) + " (PostgreSQL with its backends)");
    }

    /**
     * A batch's rows got their transaction ids after every batch answered before it left, so rows counted before it
     * can only come from batches that left before it was answered. Once n reaches the total of those batches (itself
     * included), it is certainly visible: an upper bound on its freshness, exact when requests do not overlap.
     */
    private void report(List<Batch> batches, List<long[]> observations, double seconds, long total, long seen,
            long measureFrom, List<long[]> renewalSamples) {
        if (seen < total) {
            throw new LaunchException("Responses accepted but not counted within 60 s: " + (total - seen) + " missing");
        }
        List<Batch> byBegin = batches.stream().sorted(Comparator.comparingLong(Batch::begunNanos)).toList();
        Map<Batch, Long> freshness = new IdentityHashMap<>();
        batches.stream().filter(Batch::measured).forEach(batch -> {
            long bound = byBegin.stream().filter(b -> b.begunNanos() < batch.answeredNanos() || b == batch)
                    .mapToLong(Batch::accepted).sum();
            long[] firstSeen = observations.stream().filter(o -> o[1] >= bound).findFirst().orElseThrow();
            freshness.put(batch, Math.max(0, firstSeen[0] - batch.answeredNanos()));
        });
        long[] latencies = freshness.values().stream().mapToLong(Long::longValue).sorted().toArray();
        long measuredResponses = batches.stream().filter(Batch::measured).mapToLong(Batch::accepted).sum();
        long[] requestMillis = batches.stream().filter(Batch::measured)
                .mapToLong(b -> (b.answeredNanos() - b.begunNanos()) / 1_000_000).sorted().toArray();
        out.accept(String.format(Locale.ROOT, "Accepted %d responses in all, all counted by metrics-service; measured "
                + "%d batches, %.0f responses/s; bulk request p50 %d ms, p95 %d ms.", total, latencies.length,
                measuredResponses / seconds, requestMillis[requestMillis.length / 2],
                requestMillis[(int) Math.ceil(0.95 * requestMillis.length) - 1]));
        out.accept(String.format(Locale.ROOT, "Freshness (accepted -> visible in metrics): p50 %d ms, p95 %d ms, "
                + "p99 %d ms, max %d ms (resolution %d ms)", percentile(latencies, 50), percentile(latencies, 95),
                percentile(latencies, 99), latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1_000_000,
                POLL.toMillis()));
        long p99 = percentile(latencies, 99);
        out.accept(String.format(Locale.ROOT, "Goal p99 <= %d ms: %s (p99 %d ms)", GOAL_P99_MILLIS,
                p99 <= GOAL_P99_MILLIS ? "met" : "NOT met", p99));
        // Per minute; short runs also per 10 s.
        timeline(freshness, measureFrom, 60, renewalSamples);
        if (seconds < 300) {
            timeline(freshness, measureFrom, 10, renewalSamples);
        }
        // Wall-clock times to match against the services' logs and collection logs.
        out.accept("Slowest batches (answered at, bulk request, freshness):");
        freshness.entrySet().stream().sorted(Map.Entry.<Batch, Long>comparingByValue().reversed()).limit(5)
                .forEach(e -> out.accept(String.format(Locale.ROOT, "  %s  %5d ms  %5d ms", e.getKey().answeredAt(),
                        (e.getKey().answeredNanos() - e.getKey().begunNanos()) / 1_000_000, e.getValue() / 1_000_000)));
    }

    /**
     * Freshness per window of the measured part, with the renewals of metrics-service's own token seen in it (from its
     * counter, sampled every {@link ServiceTokenRenewals#EVERY}): a renewal that stalled ingestion shows as a slow
     * window with a renewal in it.
     */
    private void timeline(Map<Batch, Long> freshness, long measureFrom, long window, List<long[]> renewalSamples) {
        out.accept("Timeline of the measured part (batches answered in each " + window + " s; token renewals seen):");
        long windowNanos = window * 1_000_000_000L;
        Map<Long, List<Map.Entry<Batch, Long>>> windows = new TreeMap<>();
        freshness.entrySet().forEach(e -> windows.computeIfAbsent(
                (e.getKey().answeredNanos() - measureFrom) / windowNanos, k -> new ArrayList<>()).add(e));
        windows.forEach((index, entries) -> {
            long[] fresh = entries.stream().mapToLong(Map.Entry::getValue).sorted().toArray();
            long[] request = entries.stream().mapToLong(e -> e.getKey().answeredNanos() - e.getKey().begunNanos())
                    .sorted().toArray();
            long from = measureFrom + index * windowNanos;
            long renewed = ServiceTokenRenewals.between(renewalSamples, from, from + windowNanos);
            out.accept(String.format(Locale.ROOT, "  %4d-%4d s  %5d batches  freshness p50 %5d ms, p95 %5d ms,"
                    + " p99 %5d ms, max %5d ms;  bulk p95 %4d ms;  renewals %s", index * window, index * window + window,
                    entries.size(), percentile(fresh, 50), percentile(fresh, 95), percentile(fresh, 99),
                    fresh[fresh.length - 1] / 1_000_000, percentile(request, 95), renewed < 0 ? "?" : renewed));
        });
    }

    private static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1_000_000;
    }

    private long ces(URI metric, String token) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(metric).GET(), token);
        if (response.statusCode() != 200) {
            return 0;
        }
        JsonNode figures = read(response.body()).path("figures");
        return figures.isEmpty() ? 0 : figures.get(0).path("n").asLong();
    }

    private CompletableFuture<JsonNode> postAsync(URI uri, String token, Object body) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new LaunchException("Cannot encode a bulk request: " + e.getMessage());
        }
        HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new LaunchException("POST " + uri + " answered " + response.statusCode() + ": " + response.body());
            }
            return read(response.body());
        });
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String token) {
        try {
            return http.send(request.header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new LaunchException("Request failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("Interrupted");
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new LaunchException("Unreadable JSON answer: " + body);
        }
    }

    private static void sleepUntil(long nanos) {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(Duration.ofNanos(wait));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
