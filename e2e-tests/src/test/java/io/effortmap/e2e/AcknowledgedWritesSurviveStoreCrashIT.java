package io.effortmap.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.effortmap.launcher.platform.Platform;
import io.effortmap.launcher.platform.Supervisor;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Acknowledged means durable on the local platform: writers push as fast as they are answered, and the store is
 * killed ({@code kill -9}) the moment a push is acknowledged, while other writes are in flight. After the launcher has
 * restarted it, every write that was answered 2xx, before or after the kill, is there: responses, invitations and
 * survey edits in PostgreSQL; interactions and personas in the Mongo store.
 */
@ExtendWith(RunningStack.class)
class AcknowledgedWritesSurviveStoreCrashIT {

    private static final Duration RECOVERY = Duration.ofMinutes(3);
    /** Pushes acknowledged before the kill: enough that the store is busy with more when it dies. */
    private static final int ACKS_BEFORE_KILL = 6;
    /** The last answer that was neither an acknowledgement nor the store's absence, to explain a writer that never acks. */
    private static final AtomicReference<String> UNEXPECTED = new AtomicReference<>("none");

    @Test
    void responsesInvitationsAndSurveyEditsAcknowledgedBeforeAKillOfPostgresqlAreAllThere() throws Exception {
        String tag = "pg" + UUID.randomUUID().toString().substring(0, 8);
        String admin = FreshTokens.admin();
        JsonPath journey = createJourney(admin, tag);
        String journeyId = journey.getString("id");
        String touchpointId = journey.getString("stages[0].touchpoints[0].id");
        String active = createSurvey(admin, journeyId, touchpointId, tag);
        SetUp.created(() -> given().auth().oauth2(admin).header("If-Match", "\"0\"").post("/api/v1/surveys/" + active + "/activate"));
        String draft = createSurvey(admin, journeyId, touchpointId, tag + "-draft");
        Instant occurredAt = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);

        Set<String> responses = ConcurrentHashMap.newKeySet();
        Set<String> invitations = ConcurrentHashMap.newKeySet();
        AtomicReference<Integer> lastEdit = new AtomicReference<>(-1);
        AtomicInteger sequence = new AtomicInteger();
        AtomicReference<String> etag = new AtomicReference<>(given().auth().oauth2(admin).get("/api/v1/surveys/" + draft)
                .then().statusCode(200).extract().header("ETag"));

        crashWhileWriting("postgres", List.of(
                () -> {
                    List<String> ids = ids(tag + "-r", sequence, 20);
                    List<Map<String, Object>> items = ids.stream().<Map<String, Object>>map(id -> Map.of("externalId", id,
                            "surveyId", active, "customerId", id, "channel", "web", "occurredAt", occurredAt.toString(),
                            "answers", List.of(Map.of("questionKey", "ces", "score", 4)))).toList();
                    Response r = post("/api/v1/responses/bulk", Map.of("items", items), FreshTokens.crm());
                    if (r.statusCode() == 200 && r.jsonPath().getInt("accepted") == ids.size()) {
                        responses.addAll(ids);
                        return true;
                    }
                    return false;
                },
                () -> {
                    List<String> ids = ids(tag + "-inv", sequence, 10);
                    List<Map<String, Object>> items = ids.stream().<Map<String, Object>>map(id -> Map.of("externalId", id,
                            "surveyId", active, "customerId", id)).toList();
                    Response r = post("/api/v1/invitations/bulk", Map.of("items", items), FreshTokens.crm());
                    if (r.statusCode() == 200 && r.jsonPath().getList("results.status").stream()
                            .allMatch("created"::equals)) {
                        invitations.addAll(ids);
                        return true;
                    }
                    return false;
                },
                () -> {
                    int edit = sequence.incrementAndGet();
                    Response r = given().auth().oauth2(FreshTokens.admin()).contentType(ContentType.JSON)
                            .header("If-Match", etag.get())
                            .body(surveyBody(journeyId, touchpointId, "edit-" + edit)).put("/api/v1/surveys/" + draft);
                    if (r.statusCode() == 200) {
                        etag.set(r.header("ETag"));
                        lastEdit.set(edit);
                        return true;
                    }
                    return false;
                }));

        String analyst = FreshTokens.analyst();
        assertThat(responses).isNotEmpty();
        var stored = Ledger.storedResponses(active, analyst);
        assertThat(Ledger.reconcile(responses, stored).lost()).as("acknowledged responses lost").isZero();

        assertThat(invitations).isNotEmpty();
        // Pushed again, every acknowledged invitation is found: "duplicate", never created a second time.
        List<String> again = new ArrayList<>(invitations);
        for (int from = 0; from < again.size(); from += 500) {
            List<Map<String, Object>> items = again.subList(from, Math.min(again.size(), from + 500)).stream()
                    .<Map<String, Object>>map(id -> Map.of("externalId", id, "surveyId", active, "customerId", id)).toList();
            Response r = post("/api/v1/invitations/bulk", Map.of("items", items), FreshTokens.crm());
            r.then().statusCode(200);
            assertThat(r.jsonPath().getList("results.status", String.class)).as("acknowledged invitations")
                    .containsOnly("duplicate");
        }

        assertThat(lastEdit.get()).isPositive();
        Response survey = given().auth().oauth2(analyst).get("/api/v1/surveys/" + draft);
        survey.then().statusCode(200);
        int storedEdit = Integer.parseInt(survey.jsonPath().getString("name").substring("edit-".length()));
        // The last acknowledged edit, or one made after it (sent, applied, its answer lost to the kill).
        assertThat(storedEdit).as("the survey's last acknowledged edit").isGreaterThanOrEqualTo(lastEdit.get());
    }

    @Test
    void interactionsAndPersonasAcknowledgedBeforeAKillOfTheMongoStoreAreAllThere() throws Exception {
        String tag = "mg" + UUID.randomUUID().toString().substring(0, 8);
        String admin = FreshTokens.admin();
        JsonPath journey = createJourney(admin, tag);
        String journeyId = journey.getString("id");
        String touchpointId = journey.getString("stages[0].touchpoints[0].id");
        String customer = "cust-" + tag;
        Instant occurredAt = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);

        Set<String> interactions = ConcurrentHashMap.newKeySet();
        Set<String> personas = ConcurrentHashMap.newKeySet();
        AtomicInteger sequence = new AtomicInteger();

        crashWhileWriting("mongo", List.of(
                () -> {
                    List<String> ids = ids(tag + "-i", sequence, 20);
                    List<Map<String, Object>> items = ids.stream().<Map<String, Object>>map(id -> Map.of("externalId", id,
                            "customerId", customer, "journeyId", journeyId, "touchpointId", touchpointId,
                            "channel", "web", "occurredAt", occurredAt.toString(), "outcome", "resolved")).toList();
                    Response r = post("/api/v1/interactions", items, FreshTokens.crm());
                    if (r.statusCode() == 200 && r.jsonPath().getInt("accepted") == ids.size()) {
                        interactions.addAll(ids);
                        return true;
                    }
                    return false;
                },
                () -> {
                    Response r = post("/api/v1/personas", Map.of("name", "Persona " + sequence.incrementAndGet()),
                            FreshTokens.admin());
                    if (r.statusCode() == 201) {
                        personas.add(r.jsonPath().getString("id"));
                        return true;
                    }
                    return false;
                }));

        String analyst = FreshTokens.analyst();
        assertThat(interactions).isNotEmpty();
        List<String> stored = Ledger.storedInteractionIds(customer, analyst);
        assertThat(stored).doesNotHaveDuplicates();
        assertThat(Ledger.reconcileCount(interactions, stored.size()).lost()).as("acknowledged interactions lost")
                .isZero();
        assertThat(personas).isNotEmpty();
        for (String persona : personas) {
            given().auth().oauth2(analyst).get("/api/v1/personas/" + persona).then().statusCode(200);
        }
    }

    /**
     * Runs every writer in its own loop; once each writer had a write acknowledged and {@value #ACKS_BEFORE_KILL}
     * were acknowledged in all, kills {@code store} from the thread that received the acknowledgement, lets the
     * writers run on against the dead store for a moment, then waits until the launcher has it (and every service)
     * back.
     */
    private static void crashWhileWriting(String store, List<Writer> writers) throws Exception {
        Platform platform = RunningStack.platform;
        long oldPid = platform.pid(store);
        AtomicInteger acknowledged = new AtomicInteger();
        Set<Writer> heard = ConcurrentHashMap.newKeySet();
        AtomicBoolean killed = new AtomicBoolean();
        AtomicBoolean writing = new AtomicBoolean(true);
        CountDownLatch kill = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers.size());
        for (Writer writer : writers) {
            pool.execute(() -> {
                while (writing.get()) {
                    boolean acked;
                    try {
                        acked = writer.write();
                    } catch (Exception e) {
                        acked = false; // the store (or the service behind it) is away: no acknowledgement
                    }
                    if (!acked) {
                        continue;
                    }
                    heard.add(writer);
                    if (acknowledged.incrementAndGet() >= ACKS_BEFORE_KILL && heard.size() == writers.size()
                            && killed.compareAndSet(false, true)) {
                        platform.signal(store, "KILL");
                        kill.countDown();
                    }
                }
            });
        }
        assertThat(kill.await(2, TimeUnit.MINUTES)).as("every writer had a write acknowledged before the kill (last"
                + " refusal: %s)", UNEXPECTED.get()).isTrue();
        Thread.sleep(1500);
        writing.set(false);
        pool.shutdown();
        assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        Awaitility.await().atMost(RECOVERY).pollInterval(Duration.ofMillis(250)).until(() ->
                platform.status().stream().anyMatch(s -> s.name().equals(store) && s.pid() != oldPid
                        && s.state() == Supervisor.State.RUNNING)
                        && Platform.SERVICES.stream().allMatch(service ->
                                ready(platform.readinessUrl(service).toString())));
    }

    @FunctionalInterface
    private interface Writer {
        /** One write; true when it was acknowledged (2xx with every item stored). */
        boolean write();
    }

    private static boolean ready(String url) {
        try {
            return given().get(url).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    private static List<String> ids(String prefix, AtomicInteger sequence, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(prefix + sequence.incrementAndGet());
        }
        return ids;
    }

    private static Response post(String path, Object body, String token) {
        Response r = given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post(path);
        if (r.statusCode() != 503 && r.statusCode() >= 200 && r.statusCode() < 300
                && r.jsonPath().get("rejected") instanceof Number rejected && rejected.intValue() > 0) {
            UNEXPECTED.set(path + " " + r.asString());
        }
        return r;
    }

    private static JsonPath createJourney(String admin, String tag) {
        return SetUp.created(() -> given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "Crash " + tag, "stages", List.of(Map.of("name", "Buy",
                        "touchpoints", List.of(Map.of("name", "Checkout", "channel", "web"))))))
                .post("/api/v1/journeys")).jsonPath();
    }

    private static String createSurvey(String admin, String journeyId, String touchpointId, String name) {
        return SetUp.created(() -> given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(surveyBody(journeyId, touchpointId, name)).post("/api/v1/surveys")).path("id");
    }

    private static Map<String, Object> surveyBody(String journeyId, String touchpointId, String name) {
        return Map.of("name", name, "journeyId", journeyId, "touchpointId", touchpointId,
                "questions", List.of(Map.of("key", "ces", "kind", "CES")));
    }
}
