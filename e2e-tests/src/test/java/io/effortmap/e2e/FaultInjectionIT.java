package io.effortmap.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.effortmap.e2e.CrmLoad.Attempt;
import io.effortmap.e2e.CrmLoad.Kind;
import io.effortmap.launcher.platform.Platform;
import io.effortmap.launcher.platform.Supervisor;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The platform's own fault injection: while a partner CRM pushes responses and interactions through the gateway
 * (5 of each every 200 ms, every batch retried unchanged until acknowledged), each service and each store is killed
 * ({@code kill -9}, the launcher's supervisor restarts it) or stalled ({@code SIGSTOP} for 8 s, then {@code SIGCONT}).
 * Afterwards every acknowledged item must be stored once and counted once by metrics-service; every request that
 * failed must have failed fast with 503 problem+json and Retry-After (the gateway itself excepted: when the entry
 * point is down nothing can answer); the dependents of a store must report not ready within 5 s and ready within 5 s
 * of the store's return. The table printed at the end (also in {@code target/fault-injection.md}) gives, per fault,
 * the time to detect, to fail fast and to recover, and the items lost and doubled.
 */
@ExtendWith(RunningStack.class)
class FaultInjectionIT {

    enum Fault { KILL, STALL }

    /** A component, its fault, and whose readiness shows it (a store's dependents). */
    record Scenario(String component, Fault fault, List<String> shownBy) {
        @Override
        public String toString() {
            return (fault == Fault.KILL ? "kill -9 " : "SIGSTOP ") + component;
        }

        boolean store() {
            return component.equals("postgres") || component.equals("mongo");
        }

        boolean entryPoint() {
            return component.equals("gateway");
        }
    }

    private static final Duration STALL = Duration.ofSeconds(8);
    private static final int PER_BATCH = 5;
    private static final Duration WARM_UP = Duration.ofSeconds(3);
    /** The bounds: a failed request answered within 2 s (a hung service: when the gateway has found out). */
    private static final Duration FAIL_FAST = Duration.ofSeconds(2);
    private static final Duration FAIL_FAST_HUNG_SERVICE = Duration.ofSeconds(4);
    private static final Duration READINESS_BOUND = Duration.ofSeconds(5);
    private static final Duration RECOVERY_LIMIT = Duration.ofMinutes(3);
    private static final List<String> ROWS = new CopyOnWriteArrayList<>();
    private static final HttpClient PROBE = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    static Stream<Arguments> scenarios() {
        Map<String, List<String>> shownBy = new LinkedHashMap<>();
        shownBy.put("postgres", List.of("survey-service"));
        shownBy.put("mongo", List.of("journey-service", "metrics-service"));
        shownBy.put("survey-service", List.of("survey-service"));
        shownBy.put("journey-service", List.of("journey-service"));
        shownBy.put("metrics-service", List.of("metrics-service"));
        shownBy.put("gateway", List.of("gateway"));
        List<Arguments> all = new ArrayList<>();
        shownBy.forEach((component, watchers) -> {
            for (Fault fault : Fault.values()) {
                all.add(Arguments.of(new Scenario(component, fault, watchers)));
            }
        });
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everyAcknowledgedItemIsStoredAndCountedOnceAndFailuresAreFast(Scenario scenario) {
        Platform platform = RunningStack.platform;
        awaitWholeStackReady(platform);
        String tag = "fi" + UUID.randomUUID().toString().substring(0, 8);
        String[] ids = journeyAndSurvey(tag);
        String journeyId = ids[0];
        String touchpointId = ids[1];
        String surveyId = ids[2];
        String metricsDirect = "http://localhost:" + RunningStack.config.ports().metrics();

        Map<String, URI> readiness = new LinkedHashMap<>();
        Platform.SERVICES.forEach(service -> readiness.put(service, platform.readinessUrl(service)));
        List<long[]> counts = new CopyOnWriteArrayList<>();
        AtomicBoolean counting = new AtomicBoolean(true);
        Thread counter = Thread.ofPlatform().daemon().name("fault-counter").start(() -> {
            while (counting.get()) {
                try {
                    long responses = Ledger.countedResponses(metricsDirect, journeyId, touchpointId, FreshTokens.analyst());
                    long interactions = Ledger.countedInteractions(metricsDirect, journeyId, FreshTokens.analyst());
                    counts.add(new long[] {System.nanoTime(), responses, interactions});
                } catch (Exception e) {
                    // metrics-service is the component down or answers nothing (REST Assured also throws checked
                    // exceptions such as ConnectException undeclared): no observation this time
                }
                sleep(Duration.ofMillis(250));
            }
        });

        try (ReadinessWatch watch = new ReadinessWatch(readiness);
                CrmLoad load = new CrmLoad(RunningStack.config.gatewayUrl(), FreshTokens::crm, surveyId, journeyId,
                        touchpointId, tag, PER_BATCH)) {
            load.start(Duration.ofMillis(200));
            sleep(WARM_UP);

            long oldPid = platform.pid(scenario.component());
            long faultAt = System.nanoTime();
            platform.signal(scenario.component(), scenario.fault() == Fault.KILL ? "KILL" : "STOP");
            long endedAt;
            long returnedAt;
            if (scenario.fault() == Fault.STALL) {
                sleep(STALL);
                platform.signal(scenario.component(), "CONT");
                endedAt = System.nanoTime();
                returnedAt = endedAt;
            } else {
                endedAt = faultAt;
                returnedAt = awaitRestarted(platform, scenario.component(), oldPid);
            }
            long recoveredAt = awaitRecovered(load, counts, endedAt);
            sleep(Duration.ofSeconds(2));
            load.stopProducing();
            assertThat(load.drain(Duration.ofSeconds(90))).as("every batch acknowledged in the end").isTrue();
            counting.set(false);

            Ledger.Reconciliation[] result = reconcile(load, surveyId, journeyId, touchpointId);
            Row row = row(scenario, load.attempts(), watch, faultAt, returnedAt, endedAt, recoveredAt, result);
            ROWS.add(row.markdown());
            System.out.println("[fault] " + row.markdown());

            for (Ledger.Reconciliation r : result) {
                assertThat(r.lost()).as("%s: acknowledged items lost %s", scenario, r).isZero();
                assertThat(r.doubled()).as("%s: items doubled %s", scenario, r).isZero();
            }
            checkFailures(scenario, load.attempts(), faultAt);
            checkReadiness(scenario, watch, faultAt, returnedAt);
        } finally {
            counting.set(false);
            join(counter);
            // Leave the stack as the next scenario (and test class) expects it.
            if (scenario.fault() == Fault.STALL) {
                platform.signal(scenario.component(), "CONT");
            }
            awaitWholeStackReady(platform);
        }
    }

    @AfterAll
    static void printTable() throws IOException {
        if (ROWS.isEmpty()) {
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add("Fault injection: kill -9 (restarted by the launcher) and SIGSTOP for " + STALL.toSeconds()
                + " s of each component while a CRM pushes 5 responses and 5 interactions every 200 ms through the gateway.");
        lines.add("detect: fault to the first failed readiness probe (every 100 ms, 1 s timeout) of the component or,"
                + " for a store, of a service using it; fail fast: failed requests' answer times; slowest answer: of any"
                + " request from the fault on; ready: the watching services ready again after the component returned"
                + " (restart done / SIGCONT); recover: fault end to pushes acknowledged again and counted by"
                + " metrics-service; lost/doubled: acknowledged items missing / there twice, stored (in the owning"
                + " service) and counted (metrics-service).");
        lines.add("");
        lines.add("| fault | detect | failed requests | fail fast | slowest answer | ready after return | recover"
                + " | responses lost/doubled (stored, counted) | interactions lost/doubled (stored, counted) |");
        lines.add("|---|---|---|---|---|---|---|---|---|");
        lines.addAll(ROWS);
        String table = String.join("\n", lines);
        System.out.println("\n" + table + "\n");
        Path target = Path.of("target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("fault-injection.md"), table + "\n", StandardCharsets.UTF_8);
    }

    // ----------------------------------------------------------------------------------------------------------

    private record Row(Scenario scenario, String detect, String failed, String failFast, String slowest, String ready,
            String recover, String responses, String interactions) {
        String markdown() {
            return "| " + scenario + " | " + detect + " | " + failed + " | " + failFast + " | " + slowest + " | " + ready
                    + " | " + recover + " | " + responses + " | " + interactions + " |";
        }
    }

    private static Row row(Scenario scenario, List<Attempt> attempts, ReadinessWatch watch, long faultAt,
            long returnedAt, long endedAt, long recoveredAt, Ledger.Reconciliation[] result) {
        OptionalLong detected = scenario.shownBy().stream().map(s -> watch.firstDown(s, faultAt))
                .filter(OptionalLong::isPresent).mapToLong(OptionalLong::getAsLong).min().stream().findFirst();
        List<Attempt> failed = attempts.stream().filter(a -> a.sentNanos() >= faultAt - Duration.ofSeconds(1).toNanos()
                && !a.acknowledged()).toList();
        long fast = failed.stream().filter(a -> a.status() == 503).count();
        long hung = failed.stream().filter(a -> a.status() == 0 && a.took().compareTo(CrmLoad.CLIENT_TIMEOUT) >= 0).count();
        long other = failed.size() - fast - hung;
        long[] took = failed.stream().mapToLong(a -> a.took().toMillis()).sorted().toArray();
        Attempt slowest = failed.stream().max(java.util.Comparator.comparing(Attempt::took)).orElse(null);
        if (slowest != null) {
            System.out.println("[fault] " + scenario + ": slowest failure " + slowest);
        }
        long slowestAnswer = attempts.stream().filter(a -> a.sentNanos() >= faultAt - Duration.ofSeconds(1).toNanos())
                .mapToLong(a -> a.took().toMillis()).max().orElse(0);
        long ready = scenario.shownBy().stream().mapToLong(s -> watch.firstUp(s, returnedAt).orElse(-1))
                .map(at -> at < 0 ? Long.MAX_VALUE : at - returnedAt).max().orElse(0);
        return new Row(scenario,
                detected.isPresent() ? seconds(detected.getAsLong() - faultAt) : "not seen",
                failed.size() + " (" + fast + " 503, " + other + " refused/other, " + hung + " hung)",
                took.length == 0 ? "-" : "p95 " + took[(int) Math.ceil(0.95 * took.length) - 1] + " ms, max "
                        + took[took.length - 1] + " ms",
                slowestAnswer + " ms",
                ready == Long.MAX_VALUE ? "never" : seconds(ready),
                seconds(recoveredAt - endedAt),
                result[0].lost() + "/" + result[0].doubled() + ", " + result[2].lost() + "/" + result[2].doubled()
                        + " of " + result[0].acknowledged(),
                result[1].lost() + "/" + result[1].doubled() + ", " + result[3].lost() + "/" + result[3].doubled()
                        + " of " + result[1].acknowledged());
    }

    /** Responses and interactions stored in their services, then counted by metrics-service, against acknowledged. */
    private static Ledger.Reconciliation[] reconcile(CrmLoad load, String surveyId, String journeyId,
            String touchpointId) {
        var responses = load.acknowledged(Kind.RESPONSES);
        var interactions = load.acknowledged(Kind.INTERACTIONS);
        String analyst = FreshTokens.analyst();
        String gateway = RunningStack.config.gatewayUrl();
        Ledger.Reconciliation storedResponses = Ledger.reconcile(responses, Ledger.storedResponses(surveyId, analyst));
        List<String> storedIds = Ledger.storedInteractionIds(load.customer(), analyst);
        assertThat(storedIds).doesNotHaveDuplicates();
        Ledger.Reconciliation storedInteractions = Ledger.reconcileCount(interactions, storedIds.size());
        // Counting follows storing within moments; wait for it to settle, then compare.
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() ->
                Ledger.countedResponses(gateway, journeyId, touchpointId, FreshTokens.analyst()) >= responses.size()
                        && Ledger.countedInteractions(gateway, journeyId, FreshTokens.analyst()) >= interactions.size());
        sleep(Duration.ofSeconds(1));
        Ledger.Reconciliation countedResponses = Ledger.reconcileCount(responses,
                Ledger.countedResponses(gateway, journeyId, touchpointId, analyst));
        Ledger.Reconciliation countedInteractions = Ledger.reconcileCount(interactions,
                Ledger.countedInteractions(gateway, journeyId, analyst));
        return new Ledger.Reconciliation[] {storedResponses, storedInteractions, countedResponses, countedInteractions};
    }

    private static void checkFailures(Scenario scenario, List<Attempt> attempts, long faultAt) {
        if (scenario.entryPoint()) {
            return; // nothing answers for a dead or stopped entry point: its callers see refusals or time out
        }
        Duration bound = scenario.fault() == Fault.STALL && !scenario.store() ? FAIL_FAST_HUNG_SERVICE : FAIL_FAST;
        for (Attempt a : attempts) {
            if (a.acknowledged() || a.sentNanos() < faultAt - Duration.ofSeconds(1).toNanos()) {
                continue;
            }
            assertThat(a.status()).as("%s: a failed request (%s) answers 503", scenario, a).isEqualTo(503);
            assertThat(a.retryAfter()).as("%s: Retry-After of %s", scenario, a).isNotBlank();
            assertThat(a.contentType()).as("%s: %s", scenario, a).startsWith("application/problem+json");
            assertThat(a.took()).as("%s: %s answered fast", scenario, a).isLessThan(bound);
        }
    }

    private static void checkReadiness(Scenario scenario, ReadinessWatch watch, long faultAt, long returnedAt) {
        if (!scenario.store()) {
            return;
        }
        for (String service : scenario.shownBy()) {
            OptionalLong down = watch.firstDown(service, faultAt);
            assertThat(down).as("%s: %s not ready", scenario, service).isPresent();
            assertThat(Duration.ofNanos(down.getAsLong() - faultAt)).as("%s: %s not ready within", scenario, service)
                    .isLessThanOrEqualTo(READINESS_BOUND);
            OptionalLong up = watch.firstUp(service, returnedAt);
            assertThat(up).as("%s: %s ready again", scenario, service).isPresent();
            assertThat(Duration.ofNanos(up.getAsLong() - returnedAt)).as("%s: %s ready again within", scenario, service)
                    .isLessThanOrEqualTo(READINESS_BOUND);
        }
    }

    /** When the supervisor had the component running (ready) again under a new pid. */
    private static long awaitRestarted(Platform platform, String component, long oldPid) {
        long deadline = System.nanoTime() + RECOVERY_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (Supervisor.Status s : platform.status()) {
                if (s.name().equals(component) && s.state() == Supervisor.State.RUNNING && s.pid() != oldPid) {
                    return System.nanoTime();
                }
            }
            sleep(Duration.ofMillis(50));
        }
        throw new AssertionError(component + " was not restarted within " + RECOVERY_LIMIT);
    }

    /**
     * Recovered: for each kind, the first push sent after the fault ended has been acknowledged, and metrics-service
     * counts at least every item acknowledged until then (items stored whose answer the fault cut off are counted
     * too and retried later, so the count can run ahead of the acknowledgements, never behind).
     */
    private static long awaitRecovered(CrmLoad load, List<long[]> counts, long endedAt) {
        long deadline = System.nanoTime() + RECOVERY_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            List<Attempt> attempts = load.attempts();
            long recovered = endedAt;
            boolean both = true;
            for (Kind kind : Kind.values()) {
                Attempt first = attempts.stream().filter(a -> a.kind() == kind && a.acknowledged()
                        && a.sentNanos() >= endedAt).min(java.util.Comparator.comparingLong(Attempt::answeredNanos))
                        .orElse(null);
                if (first == null) {
                    both = false;
                    break;
                }
                long needed = PER_BATCH * attempts.stream().filter(a -> a.kind() == kind && a.acknowledged()
                        && a.answeredNanos() <= first.answeredNanos()).count();
                int column = kind == Kind.RESPONSES ? 1 : 2;
                long[] seen = counts.stream().filter(c -> c[0] >= first.answeredNanos() && c[column] >= needed)
                        .findFirst().orElse(null);
                if (seen == null) {
                    both = false;
                    break;
                }
                recovered = Math.max(recovered, seen[0]);
            }
            if (both) {
                return recovered;
            }
            sleep(Duration.ofMillis(100));
        }
        throw new AssertionError("Pushes after the fault were not acknowledged and counted within " + RECOVERY_LIMIT);
    }

    private static void awaitWholeStackReady(Platform platform) {
        Awaitility.await().atMost(RECOVERY_LIMIT).pollInterval(Duration.ofMillis(250)).until(() ->
                platform.status().stream().allMatch(s -> s.state() == Supervisor.State.RUNNING)
                        && Platform.SERVICES.stream().allMatch(service -> ready(platform.readinessUrl(service))));
    }

    private static boolean ready(URI url) {
        try {
            return PROBE.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A journey with one stage and touchpoint, and an ACTIVE CES survey on it: journeyId, touchpointId, surveyId. */
    private static String[] journeyAndSurvey(String tag) {
        String admin = FreshTokens.admin();
        JsonPath journey = SetUp.created(() -> given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "Fault " + tag, "stages", List.of(Map.of("name", "Buy",
                        "touchpoints", List.of(Map.of("name", "Checkout", "channel", "web"))))))
                .post("/api/v1/journeys")).jsonPath();
        String journeyId = journey.getString("id");
        String touchpointId = journey.getString("stages[0].touchpoints[0].id");
        String surveyId = SetUp.created(() -> given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "Fault " + tag, "journeyId", journeyId, "touchpointId", touchpointId,
                        "questions", List.of(Map.of("key", "ces", "kind", "CES"))))
                .post("/api/v1/surveys")).path("id");
        SetUp.created(() -> given().auth().oauth2(admin).header("If-Match", "\"0\"").post("/api/v1/surveys/" + surveyId + "/activate"));
        return new String[] {journeyId, touchpointId, surveyId};
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void join(Thread t) {
        try {
            t.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
