package io.effortmap.survey.response.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.effortmap.survey.testing.Fixtures;
import io.effortmap.survey.testing.JourneyStubResource;
import io.effortmap.survey.testing.TestDb;
import io.effortmap.testsupport.PostgresResource;
import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(TestOidcResource.class)
@WithTestResource(JourneyStubResource.class)
class ResponseResourceTest {

    private static final String WS = "ws-a";
    private static final String OTHER_WS = "ws-b";

    private String surveyId;

    @BeforeEach
    void activeSurvey() {
        surveyId = Fixtures.activeSurvey(WS);
    }

    private static String key() {
        return "key-" + UUID.randomUUID();
    }

    private static Map<String, Object> body(String surveyId) {
        return new HashMap<>(Fixtures.responseBody(surveyId, "c-" + UUID.randomUUID()));
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.put(field, value);
        return copy;
    }

    private static ExtractableResponse<Response> submit(String token, String key, Object body, int status) {
        var request = given().auth().oauth2(token).contentType(ContentType.JSON).body(body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.when().post("/api/v1/responses").then().statusCode(status).extract();
    }

    private static long rows(String key) {
        return TestDb.count("select count(*) from response where idempotency_key = ?", key);
    }

    // ---- storing ------------------------------------------------------------------------------------------------

    @Test
    void submitStoresTheResponseWithAnswersCarryingTheirScaleAndAnswers201() {
        String key = key();
        Map<String, Object> body = body(surveyId);
        String survey = surveyId;
        var created = given().auth().oauth2(TestTokens.partner(WS)).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/responses")
                .then().statusCode(201)
                .header("Idempotency-Replayed", nullValue())
                .body("id", notNullValue())
                .body("surveyId", equalTo(survey))
                .body("journeyId", equalTo(Fixtures.JOURNEY))
                .body("touchpointId", notNullValue())
                .body("customerId", equalTo(body.get("customerId")))
                .body("channel", equalTo("web"))
                .body("interactionId", equalTo(body.get("interactionId")))
                .body("segments.region", equalTo("EU"))
                .body("segments.plan", equalTo("pro"))
                .body("occurredAt", equalTo(body.get("occurredAt")))
                .body("receivedAt", notNullValue())
                .body("answers.questionKey", contains("ces", "csat", "comment"))
                .body("answers.kind", contains("CES", "CSAT", "COMMENT"))
                .body("answers.scaleMin", contains(1, 1, null))
                .body("answers.scaleMax", contains(7, 7, null))
                .body("answers.scoring", contains("CES_AGREEMENT", "CSAT", "TEXT"))
                .body("answers.score", contains(6, 7, null))
                .body("answers.text", contains(null, null, "Quick and painless"))
                .extract();
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/api/v1/responses/" + id);
        assertThat(TestDb.count("select count(*) from response where id = ?::uuid and workspace = 'ws-a' and source = 'crm-ws-a'", id)).isOne();
        assertThat(TestDb.count("select count(*) from response_answer where response_id = ?::uuid", id)).isEqualTo(3);

        given().auth().oauth2(TestTokens.analyst(WS)).get("/api/v1/responses/" + id)
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("answers.questionKey", contains("ces", "csat", "comment"))
                .body("receivedAt", equalTo(created.path("receivedAt")));
    }

    @Test
    void answersAreStoredInTheSurveysQuestionOrder() {
        Map<String, Object> body = with(body(surveyId), "answers", List.of(
                Map.of("questionKey", "nps", "score", 0),
                Map.of("questionKey", "csat", "score", 1),
                Map.of("questionKey", "ces", "score", 1, "text", "a verbatim")));
        submit(TestTokens.partner(WS), key(), body, 201)
                .response().then()
                .body("answers.questionKey", contains("ces", "csat", "nps"))
                .body("answers.scoring", contains("CES_AGREEMENT", "CSAT", "NPS"))
                .body("answers.scaleMin", contains(1, 1, 0))
                .body("answers.scaleMax", contains(7, 7, 10))
                .body("answers.text", contains("a verbatim", null, null));
    }

    @Test
    void missingIdempotencyKeyIs400NamingTheHeader() {
        Map<String, Object> body = body(surveyId);
        submit(TestTokens.partner(WS), null, body, 400).response().then()
                .contentType("application/problem+json")
                .body("title", equalTo("Bad Request"))
                .body("status", equalTo(400))
                .body("detail", equalTo("Idempotency-Key: header is required"))
                .body("instance", equalTo("/api/v1/responses"))
                .body("errors.field", contains("Idempotency-Key"));
        submit(TestTokens.partner(WS), "k".repeat(201), body, 400).response().then()
                .body("errors.field", contains("Idempotency-Key"))
                .body("errors[0].message", equalTo("must be at most 200 characters"));
        submit(TestTokens.partner(WS), "k".repeat(200), body, 201);
        assertThat(TestDb.count("select count(*) from response where customer_id = ?", body.get("customerId"))).isOne();
    }

    // ---- idempotency --------------------------------------------------------------------------------------------

    @Test
    void replayAnswersTheOriginalWith200AndReplayedHeader() {
        String key = key();
        Map<String, Object> body = body(surveyId);
        var original = submit(TestTokens.partner(WS), key, body, 201);
        var replay = submit(TestTokens.partner(WS), key, body, 200);
        assertThat(replay.header("Idempotency-Replayed")).isEqualTo("true");
        assertThat(replay.<String>path("id")).isEqualTo(original.path("id"));
        assertThat(replay.jsonPath().getMap("")).isEqualTo(original.jsonPath().getMap(""));
        assertThat(rows(key)).isOne();
    }

    @Test
    void replayIgnoresFormattingAnswerOrderAndTimeZone() {
        String key = key();
        Map<String, Object> body = body(surveyId);
        String original = submit(TestTokens.partner(WS), key, body, 201).path("id");
        Instant occurred = Instant.parse((String) body.get("occurredAt"));
        Map<String, Object> reformatted = with(body, "occurredAt", occurred.atOffset(java.time.ZoneOffset.ofHours(2)).toString());
        reformatted.put("answers", ((List<?>) body.get("answers")).reversed());
        assertThat(submit(TestTokens.partner(WS), key, reformatted, 200).<String>path("id")).isEqualTo(original);
    }

    @Test
    void reusingAKeyForDifferentContentIs422NamingTheKey() {
        String key = key();
        Map<String, Object> body = body(surveyId);
        submit(TestTokens.partner(WS), key, body, 201);
        submit(TestTokens.partner(WS), key, with(body, "customerId", "someone-else"), 422).response().then()
                .contentType("application/problem+json")
                .body("title", equalTo("Unprocessable Content"))
                .body("status", equalTo(422))
                .body("errors.field", contains("Idempotency-Key"))
                .body("errors[0].message", equalTo("was already used for a different response; send a new key for new content"));
        assertThat(rows(key)).isOne();
    }

    @Test
    void keysAreScopedToTheSubmittingClient() {
        String key = key();
        Map<String, Object> body = body(surveyId);
        String byPartner = submit(TestTokens.partner(WS), key, body, 201).path("id");
        String byAdmin = submit(TestTokens.admin(WS), key, body, 201).path("id");
        assertThat(byAdmin).isNotEqualTo(byPartner);
        assertThat(TestDb.count("select count(distinct source) from response where idempotency_key = ?", key)).isEqualTo(2);
    }

    @Test
    void tenConcurrentIdenticalSubmissionsStoreExactlyOneRow() throws Exception {
        String key = key();
        Map<String, Object> body = body(surveyId);
        String token = TestTokens.partner(WS);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ExtractableResponse<Response>>> calls = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    return given().auth().oauth2(token).header("Idempotency-Key", key)
                            .contentType(ContentType.JSON).body(body)
                            .post("/api/v1/responses").then().extract();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (var call : calls) {
                var r = call.get();
                statuses.add(r.statusCode());
                ids.add(r.path("id"));
                if (r.statusCode() == 200) {
                    assertThat(r.header("Idempotency-Replayed")).isEqualTo("true");
                }
            }
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
            assertThat(statuses).filteredOn(s -> s == 200).hasSize(9);
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(rows(key)).isOne();
        assertThat(TestDb.count("select count(*) from response_answer a join response r on r.id = a.response_id where r.idempotency_key = ?", key))
                .isEqualTo(3);
    }

    @Test
    void concurrentSubmissionsOfOneKeyWithDifferentContentStoreOneAndRejectTheRest() throws Exception {
        String key = key();
        String token = TestTokens.partner(WS);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Map<String, Object> body = Fixtures.responseBody(surveyId, "customer-" + i);
                calls.add(pool.submit(() -> {
                    start.await();
                    return given().auth().oauth2(token).header("Idempotency-Key", key)
                            .contentType(ContentType.JSON).body(body)
                            .post("/api/v1/responses").statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (var call : calls) {
                statuses.add(call.get());
            }
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
            assertThat(statuses).filteredOn(s -> s == 422).hasSize(5);
        } finally {
            pool.shutdownNow();
        }
        assertThat(rows(key)).isOne();
    }

    // ---- survey state -------------------------------------------------------------------------------------------

    @Test
    void unknownSurveyIs422NamingSurveyId() {
        String key = key();
        submit(TestTokens.partner(WS), key, body(UUID.randomUUID().toString()), 422).response().then()
                .contentType("application/problem+json")
                .body("title", equalTo("Unprocessable Content"))
                .body("errors.field", contains("surveyId"))
                .body("errors[0].message", equalTo("is not a survey of your workspace"));
        assertThat(rows(key)).isZero();
    }

    @Test
    void surveyOfAnotherWorkspaceIs422LikeAnUnknownOne() {
        String foreign = Fixtures.activeSurvey(OTHER_WS);
        String key = key();
        submit(TestTokens.partner(WS), key, body(foreign), 422).response().then()
                .body("errors.field", contains("surveyId"))
                .body("errors[0].message", equalTo("is not a survey of your workspace"));
        assertThat(rows(key)).isZero();
    }

    @Test
    void draftSurveyIs409NamingSurveyId() {
        String draft = Fixtures.draftSurvey(WS);
        String key = key();
        submit(TestTokens.partner(WS), key, body(draft), 409).response().then()
                .contentType("application/problem+json")
                .body("title", equalTo("Conflict"))
                .body("status", equalTo(409))
                .body("errors.field", contains("surveyId"))
                .body("errors[0].message", equalTo("survey is DRAFT; only ACTIVE surveys accept responses"));
        assertThat(rows(key)).isZero();
    }

    // ---- answers against the survey (422) -----------------------------------------------------------------------

    @Test
    void answersThatBreakTheSurveysRulesAre422NamingEachAnswer() {
        String key = key();
        Map<String, Object> body = with(body(surveyId), "answers", List.of(
                Map.of("questionKey", "ces", "score", 8),                       // 0: above 7
                Map.of("questionKey", "nps", "score", -1),                      // 1: below 0
                Map.of("questionKey", "unknown", "score", 3),                   // 2: not in the survey
                Map.of("questionKey", "comment", "text", "x".repeat(101)),      // 3: longer than maxLength 100
                Map.of("questionKey", "csat", "text", "no score")));            // 4: CSAT without score
        submit(TestTokens.partner(WS), key, body, 422).response().then()
                .contentType("application/problem+json")
                .body("title", equalTo("Unprocessable Content"))
                .body("status", equalTo(422))
                .body("detail", equalTo("5 fields are invalid"))
                .body("errors.field", contains("answers[0].score", "answers[1].score", "answers[2].questionKey",
                        "answers[3].text", "answers[4].score"))
                .body("errors.message", contains("must be from 1 to 7", "must be from 0 to 10",
                        "is not a question of this survey", "must be at most 100 characters",
                        "is required for a CSAT question"));
        assertThat(rows(key)).isZero();
    }

    @Test
    void missingRequiredAnswerIs422() {
        Map<String, Object> body = with(body(surveyId), "answers", List.of(Map.of("questionKey", "ces", "score", 5)));
        submit(TestTokens.partner(WS), key(), body, 422).response().then()
                .body("errors.field", contains("answers"))
                .body("errors[0].message", equalTo("must answer the required question 'csat'"));
    }

    @Test
    void commentRulesAre422() {
        Map<String, Object> base = body(surveyId);
        submit(TestTokens.partner(WS), key(), with(base, "answers", List.of(
                Map.of("questionKey", "ces", "score", 5), Map.of("questionKey", "csat", "score", 5),
                Map.of("questionKey", "comment", "score", 3, "text", "hi"))), 422).response().then()
                .body("errors.field", contains("answers[2].score"))
                .body("errors[0].message", equalTo("must be absent for a COMMENT question"));
        submit(TestTokens.partner(WS), key(), with(base, "answers", List.of(
                Map.of("questionKey", "ces", "score", 5), Map.of("questionKey", "csat", "score", 5),
                Map.of("questionKey", "comment", "text", " "))), 422).response().then()
                .body("errors.field", contains("answers[2].text"));
        submit(TestTokens.partner(WS), key(), with(base, "answers", List.of(
                Map.of("questionKey", "ces", "score", 5, "text", "v".repeat(2001)),
                Map.of("questionKey", "csat", "score", 5))), 422).response().then()
                .body("errors.field", contains("answers[0].text"))
                .body("errors[0].message", equalTo("must be at most 2000 characters"));
        submit(TestTokens.partner(WS), key(), with(base, "answers", List.of(
                Map.of("questionKey", "ces", "score", 5), Map.of("questionKey", "csat", "score", 5),
                Map.of("questionKey", "comment", "text", "c".repeat(100)))), 201);
    }

    @Test
    void occurredAtMustBePlausible() {
        Map<String, Object> base = body(surveyId);
        submit(TestTokens.partner(WS), key(), with(base, "occurredAt", Instant.now().plus(10, ChronoUnit.MINUTES).toString()), 422)
                .response().then()
                .body("errors.field", contains("occurredAt"))
                .body("errors[0].message", equalTo("must not be more than 5 minutes in the future"));
        submit(TestTokens.partner(WS), key(), with(base, "occurredAt", "1999-12-31T23:59:59Z"), 422)
                .response().then()
                .body("errors.field", contains("occurredAt"))
                .body("errors[0].message", equalTo("must not be before 2000-01-01T00:00:00Z"));
        submit(TestTokens.partner(WS), key(), with(base, "occurredAt", Instant.now().plus(2, ChronoUnit.MINUTES).toString()), 201);
        submit(TestTokens.partner(WS), key(), with(base, "occurredAt", "2000-01-01T01:00:00+01:00"), 201)
                .response().then().body("occurredAt", equalTo("2000-01-01T00:00:00Z"));
    }

    // ---- request shape (400) ------------------------------------------------------------------------------------

    @Test
    void malformedFieldsAre400NamingEachField() {
        Map<String, String> segments = new HashMap<>();
        Map<String, Object> body = new HashMap<>();
        body.put("surveyId", "not-a-uuid");
        body.put("customerId", "");
        body.put("channel", "fax");
        body.put("occurredAt", "2026-11-01 10:00");
        body.put("interactionId", "i".repeat(201));
        body.put("segments", segments);
        body.put("answers", List.of(Map.of("questionKey", "ces", "score", 5), Map.of("score", 2),
                Map.of("questionKey", "ces", "score", 4)));
        segments.put("region", "x".repeat(201));
        String key = key();
        submit(TestTokens.partner(WS), key, body, 400).response().then()
                .contentType("application/problem+json")
                .body("title", equalTo("Bad Request"))
                .body("status", equalTo(400))
                .body("errors.field", containsInAnyOrder("surveyId", "customerId", "channel", "occurredAt",
                        "interactionId", "segments[region]", "answers[1].questionKey", "answers[2].questionKey"))
                .body("errors.find { it.field == 'channel' }.message",
                        equalTo("must be one of web, mobile_app, email, phone, chat, store, social, other"))
                .body("errors.find { it.field == 'answers[2].questionKey' }.message",
                        equalTo("is already answered by answers[0]"));
        assertThat(rows(key)).isZero();
    }

    @Test
    void missingFieldsAre400() {
        submit(TestTokens.partner(WS), key(), Map.of(), 400).response().then()
                .body("errors.field", containsInAnyOrder("surveyId", "customerId", "channel", "occurredAt", "answers"));
        submit(TestTokens.partner(WS), key(), with(body(surveyId), "answers", List.of()), 400).response().then()
                .body("errors.field", contains("answers"))
                .body("errors[0].message", equalTo("must contain 1 to 20 answers"));
        given().auth().oauth2(TestTokens.partner(WS)).header("Idempotency-Key", key()).contentType(ContentType.JSON)
                .post("/api/v1/responses").then().statusCode(400).body("errors.field", contains("body"));
    }

    @Test
    void moreThanTenSegmentsIs400() {
        Map<String, String> segments = new HashMap<>();
        for (int i = 0; i < 11; i++) {
            segments.put("s" + i, "v");
        }
        submit(TestTokens.partner(WS), key(), with(body(surveyId), "segments", segments), 400).response().then()
                .body("errors.field", contains("segments"))
                .body("errors[0].message", equalTo("must have at most 10 entries"));
    }

    @Test
    void fractionalScoreIs400NamingTheAnswer() {
        given().auth().oauth2(TestTokens.partner(WS)).header("Idempotency-Key", key()).contentType(ContentType.JSON)
                .body("{\"surveyId\":\"" + surveyId + "\",\"customerId\":\"c\",\"channel\":\"web\","
                        + "\"occurredAt\":\"2026-01-01T00:00:00Z\",\"answers\":[{\"questionKey\":\"ces\",\"score\":6.5}]}")
                .when().post("/api/v1/responses")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("answers[0].score"));
    }

    // ---- atomicity ----------------------------------------------------------------------------------------------

    @Test
    void aFailureWhileWritingAnswersLeavesNoResponseBehind() {
        // A database-level failure after the response row is inserted, inside the same transaction.
        TestDb.execute("""
                CREATE OR REPLACE FUNCTION test_fail_answer() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN IF NEW.text = 'fail-on-insert' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$""");
        TestDb.execute("CREATE TRIGGER test_fail_answer BEFORE INSERT ON response_answer FOR EACH ROW EXECUTE FUNCTION test_fail_answer()");
        try {
            String key = key();
            Map<String, Object> body = with(body(surveyId), "answers", List.of(
                    Map.of("questionKey", "ces", "score", 5), Map.of("questionKey", "csat", "score", 5),
                    Map.of("questionKey", "comment", "text", "fail-on-insert")));
            submit(TestTokens.partner(WS), key, body, 500).response().then()
                    .contentType("application/problem+json")
                    .body("title", equalTo("Internal Server Error"));
            assertThat(rows(key)).as("the response insert was rolled back with the answers").isZero();
        } finally {
            TestDb.execute("DROP TRIGGER test_fail_answer ON response_answer");
            TestDb.execute("DROP FUNCTION test_fail_answer()");
        }
    }

    // ---- security and reads -------------------------------------------------------------------------------------

    @Test
    void submittingNeedsATokenAndAWritingRole() {
        Map<String, Object> body = body(surveyId);
        given().header("Idempotency-Key", key()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/responses").then().statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401));
        for (String token : List.of(TestTokens.analyst(WS), TestTokens.service())) {
            given().auth().oauth2(token).header("Idempotency-Key", key()).contentType(ContentType.JSON).body(body)
                    .post("/api/v1/responses").then().statusCode(403)
                    .contentType("application/problem+json")
                    .body("title", equalTo("Forbidden"));
        }
        assertThat(TestDb.count("select count(*) from response where customer_id = ?", body.get("customerId"))).isZero();
    }

    @Test
    void readingAResponseStaysInTheWorkspace() {
        String id = Fixtures.submitResponse(WS, surveyId, "c-read");
        given().auth().oauth2(TestTokens.admin(WS)).get("/api/v1/responses/" + id).then().statusCode(200)
                .body("answers", hasSize(3));
        given().auth().oauth2(TestTokens.admin(OTHER_WS)).get("/api/v1/responses/" + id).then().statusCode(404)
                .contentType("application/problem+json")
                .body("title", equalTo("Not Found"))
                .body("detail", equalTo("No response " + id + " in your workspace"));
        given().auth().oauth2(TestTokens.admin(WS)).get("/api/v1/responses/nope").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.partner(WS)).get("/api/v1/responses/" + id).then().statusCode(403);
        given().get("/api/v1/responses/" + id).then().statusCode(401);
    }
}
