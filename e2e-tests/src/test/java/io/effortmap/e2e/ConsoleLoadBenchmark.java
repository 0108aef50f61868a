package io.effortmap.e2e;

import static io.effortmap.e2e.RunningStack.config;
import static io.restassured.RestAssured.given;

import com.microsoft.playwright.Page;
import io.effortmap.launcher.seed.DemoSeeder;
import io.restassured.http.ContentType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * How fast the console draws a journey map, in the real browser against the real platform, beside the time the
 * same data takes to fetch without a browser (the baseline: the map can never be faster than its data).
 * Not part of the suite: {@code mvn -B -pl e2e-tests verify -Pbench-console [-Dbench.runs=15]} after a build
 * (see console/README.md). Prints the bundle's size too.
 */
@ExtendWith(ConsoleBrowser.class)
@ExtendWith(RunningStack.class)
class ConsoleLoadBenchmark {

    private static final int RUNS = Integer.getInteger("bench.runs", 15);
    private static final int WARMUP = 3;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** Taken again before each run: the benchmark outlasts a token's 5 minutes. */
    private static String alice;
    private static String crmAcme;

    private static void freshTokens() {
        alice = RunningStack.api.userToken("alice", config.credentials().demoUserPassword());
        crmAcme = RunningStack.api.clientToken("crm-acme", config.credentials().crmAcmeSecret());
    }

    @Test
    void journeyMapLoadTimes() throws Exception {
        freshTokens();
        DemoSeeder.SeedSummary demo = new DemoSeeder(config, line -> System.out.println("[bench] " + line)).seed();
        String generated = generatedJourney(50, 40);
        System.out.println();
        System.out.println("== Console journey map load (Chromium " + ConsoleBrowser.chromium().orElseThrow() + ", " + RUNS
                + " runs after " + WARMUP + " warm-up runs; times in ms)");
        System.out.println(String.format(Locale.ROOT, "%-58s %8s %8s %8s   %s", "", "p50", "p95", "max", "goal"));
        try (ConsoleBrowser.Session s = ConsoleBrowser.session().login("alice", "/journeys")) {
            s.awaitView("em-journeys");
            for (var journey : List.of(Map.entry("demo journey (15 touchpoints)", demo.journeyId()),
                    Map.entry("generated journey (50 touchpoints)", generated))) {
                String id = journey.getValue();
                long goal = id.equals(generated) ? 1500 : 1000;
                List<Long> drawn = new ArrayList<>();
                List<Long> complete = new ArrayList<>();
                List<Long> reload = new ArrayList<>();
                List<Long> api = new ArrayList<>();
                for (int i = 0; i < WARMUP + RUNS; i++) {
                    freshTokens();
                    long[] inApp = navigateInApp(s.page, id);
                    long full = fullLoad(s.page, id);
                    long data = apiBaseline(id);
                    if (i >= WARMUP) {
                        drawn.add(inApp[0]);
                        complete.add(inApp[1]);
                        reload.add(full);
                        api.add(data);
                    }
                }
                print(journey.getKey() + ": baseline, its data without a browser", api, null);
                print(journey.getKey() + ": drawn, interactive", drawn, goal);
                print(journey.getKey() + ": every trend and badge", complete, null);
                print(journey.getKey() + ": page reload (SSO login)", reload, null);
            }
        }
        bundleSizes();
    }

    /**
     * From a click on the journey's link in the journeys list to the map drawn with its figures (data-rendered) and a
     * frame painted after it, so the page answers input; then to every trend and badge loaded (data-complete).
     */
    private static long[] navigateInApp(Page page, String journeyId) {
        page.navigate("/journeys");
        page.locator("em-journeys[data-rendered='true']").waitFor();
        page.waitForTimeout(300);
        Object result = page.evaluate("""
                id => new Promise(resolve => {
                  const start = performance.now();
                  let drawn = null;
                  let scheduled = false;
                  const check = () => {
                    const map = document.querySelector('em-journey-map');
                    if (!scheduled && map?.getAttribute('data-rendered') === 'true') {
                      scheduled = true;
                      requestAnimationFrame(() => requestAnimationFrame(() => { drawn = performance.now() - start; }));
                    }
                    if (drawn !== null && map?.hasAttribute('data-complete')) {
                      observer.disconnect();
                      clearInterval(timer);
                      resolve([drawn, performance.now() - start]);
                    }
                  };
                  const observer = new MutationObserver(check);
                  observer.observe(document.body, { subtree: true, attributes: true, childList: true });
                  const timer = setInterval(check, 5);
                  document.querySelector(`a[href="/journeys/${id}"]`).click();
                })""", journeyId);
        List<?> times = (List<?>) result;
        return new long[] {Math.round(((Number) times.get(0)).doubleValue()), Math.round(((Number) times.get(1)).doubleValue())};
    }

    /** A reload of the map's URL: the app starts, finds no token in memory and logs in again through the SSO session. */
    private static long fullLoad(Page page, String journeyId) {
        long start = System.nanoTime();
        page.navigate("/journeys/" + journeyId);
        page.locator("em-journey-map[data-rendered='true']").waitFor();
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** The requests the map needs to draw (journey and scorecard, in parallel), with a plain HTTP client. */
    private static long apiBaseline(String journeyId) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String range = "?from=" + today.minusDays(89) + "&to=" + today;
        // Untimed: the token's first use (signature checks along the way) and warm connections, as the browser has.
        fetch("/api/v1/journeys/" + journeyId).join();
        long start = System.nanoTime();
        CompletableFuture<?> journey = fetch("/api/v1/journeys/" + journeyId);
        CompletableFuture<?> scorecard = fetch("/api/v1/metrics/journeys/" + journeyId + "/scorecard" + range);
        CompletableFuture.allOf(journey, scorecard).join();
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static CompletableFuture<HttpResponse<byte[]>> fetch(String path) {
        return HTTP.sendAsync(HttpRequest.newBuilder(URI.create(config.gatewayUrl() + path))
                .header("Authorization", "Bearer " + alice).header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(r -> {
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException(path + " answered " + r.statusCode());
                    }
                    return r;
                });
    }

    private static void print(String what, List<Long> times, Long goal) {
        long[] sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
        long p50 = sorted[(sorted.length - 1) / 2];
        long p95 = sorted[(int) Math.ceil(sorted.length * 0.95) - 1];
        String verdict = goal == null ? "" : (p95 <= goal ? "<= " + goal + " ms: met (p95)" : "<= " + goal + " ms: NOT met (p95)");
        System.out.println(String.format(Locale.ROOT, "%-58s %8d %8d %8d   %s", what, p50, p95, sorted[sorted.length - 1], verdict));
    }

    /** A journey of `touchpoints` touchpoints in 5 stages, a CES survey on each, `answers` answers each over 90 days. */
    private static String generatedJourney(int touchpoints, int answers) {
        List<Map<String, Object>> stages = new ArrayList<>();
        for (int s = 0; s < 5; s++) {
            List<Map<String, Object>> tps = new ArrayList<>();
            for (int t = 0; t < touchpoints / 5; t++) {
                tps.add(Map.of("name", "Step " + (s * (touchpoints / 5) + t + 1), "channel", "web",
                        "targets", Map.of("CES", 5.5), "painPoints", List.of("Generated pain point")));
            }
            stages.add(Map.of("name", "Stage " + (s + 1), "touchpoints", tps));
        }
        var journey = given().auth().oauth2(alice).contentType(ContentType.JSON)
                .body(Map.of("name", "Benchmark journey " + Instant.now(), "stages", stages))
                .post("/api/v1/journeys").then().statusCode(201).extract().jsonPath();
        String journeyId = journey.getString("id");
        List<String> ids = journey.getList("stages.touchpoints.flatten().id");
        Random random = new Random(7);
        List<Map<String, Object>> items = new ArrayList<>();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (String tp : ids) {
            var created = given().auth().oauth2(alice).contentType(ContentType.JSON)
                    .body(Map.of("name", "Bench " + tp, "journeyId", journeyId, "touchpointId", tp,
                            "questions", List.of(Map.of("key", "ces", "kind", "CES"))))
                    .post("/api/v1/surveys").then().statusCode(201).extract();
            String survey = created.path("id");
            // Activation names the version it is based on (If-Match is required: docs/api-conventions.md).
            given().auth().oauth2(alice).header("If-Match", created.header("ETag"))
                    .post("/api/v1/surveys/" + survey + "/activate").then().statusCode(200);
            double mean = 3 + random.nextDouble() * 3.5;
            for (int a = 0; a < answers; a++) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("externalId", "bench-" + tp + "-" + a);
                item.put("surveyId", survey);
                item.put("customerId", "bench-" + a);
                item.put("channel", "web");
                item.put("occurredAt", now.minus(random.nextInt(89), ChronoUnit.DAYS).minusSeconds(random.nextInt(80_000)).toString());
                item.put("answers", List.of(Map.of("questionKey", "ces", "score",
                        (int) Math.max(1, Math.min(7, Math.round(mean + random.nextGaussian()))))));
                items.add(item);
            }
        }
        for (int from = 0; from < items.size(); from += 1000) {
            given().auth().oauth2(crmAcme).contentType(ContentType.JSON)
                    .body(Map.of("items", items.subList(from, Math.min(items.size(), from + 1000))))
                    .post("/api/v1/responses/bulk").then().statusCode(200);
        }
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            Number n = given().auth().oauth2(alice).get("/api/v1/metrics/journeys/" + journeyId + "/scorecard")
                    .then().statusCode(200).extract().path("overall.CES[0].n");
            if (n != null && n.intValue() == items.size()) {
                return journeyId;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new IllegalStateException("metrics-service did not count the benchmark's answers in 120 s");
    }

    /** Every file the bundler wrote, raw and gzip-compressed; what the first page needs, and what loads later. */
    private static void bundleSizes() throws IOException, InterruptedException {
        Path dir = Path.of(System.getProperty("effortmap.root", "..")).resolve("console/target/web-bundler/prod/dist/static/bundle");
        System.out.println();
        System.out.println("== Console bundle (" + dir.normalize() + ")");
        long raw = 0;
        long gzip = 0;
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.sorted().toList();
        }
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            long zipped = gzipped(bytes);
            raw += bytes.length;
            gzip += zipped;
            System.out.println(String.format(Locale.ROOT, "%-32s %9d bytes raw %9d bytes gzip", file.getFileName(), bytes.length, zipped));
        }
        System.out.println(String.format(Locale.ROOT, "%-32s %9d bytes raw %9d bytes gzip", "all", raw, gzip));
        String index = HTTP.send(HttpRequest.newBuilder(URI.create(config.consoleUrl() + "/")).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        List<String> initial = Arrays.stream(index.split("\"")).filter(p -> p.startsWith("/static/bundle/")).toList();
        System.out.println("First page loads: " + initial + "; the charts chunk loads with the drill-down only.");
    }

    private static long gzipped(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.size();
    }
}
