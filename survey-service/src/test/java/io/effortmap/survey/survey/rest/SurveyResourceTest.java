package io.effortmap.survey.survey.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.effortmap.survey.testing.Fixtures;
import io.effortmap.survey.testing.JourneyStub;
import io.effortmap.survey.testing.JourneyStubResource;
import io.effortmap.survey.testing.TestDb;
import io.effortmap.testsupport.PostgresResource;
import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(TestOidcResource.class)
@WithTestResource(JourneyStubResource.class)
class SurveyResourceTest {

    private static final String WS = "ws-a";
    private static final String OTHER_WS = "ws-b";

    @Inject
    CircuitBreakerMaintenance circuitBreakers;

    @AfterEach
    void journeyServiceBackToNormal() {
        JourneyStub.reset();
        circuitBreakers.resetAll();
    }

    // ---- create -------------------------------------------------------------------------------------------------

    @Test
    void createStoresDraftWithResolvedScalesScoringAndDefaultTexts() {
        String touchpoint = Fixtures.uniqueTouchpoint();
        JourneyStub.register(WS, Fixtures.JOURNEY, touchpoint);
        Map<String, Object> body = new HashMap<>(Map.of(
                "name", "Onboarding",
                "journeyId", Fixtures.JOURNEY,
                "touchpointId", touchpoint,
                "companyName", "Acme",
                "questions", List.of(
                        Map.of("key", "ces", "kind", "CES"),
                        Map.of("key", "effort", "kind", "CES", "variant", "EFFORT_5", "text", "How hard was it?"),
                        Map.of("key", "csat", "kind", "CSAT"),
                        Map.of("key", "csat7", "kind", "CSAT", "variant", "SEVEN", "required", false),
                        Map.of("key", "nps", "kind", "NPS"),
                        Map.of("key", "comment", "kind", "COMMENT"),
                        Map.of("key", "short-note_2", "kind", "COMMENT", "maxLength", 5000, "required", true))));

        given().auth().oauth2(TestTokens.admin(WS)).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/surveys")
                .then().statusCode(201)
                .header("ETag", "\"0\"")
                .body("id", notNullValue())
                .body("name", equalTo("Onboarding"))
                .body("journeyId", equalTo(Fixtures.JOURNEY))
                .body("touchpointId", equalTo(touchpoint))
                .body("status", equalTo("DRAFT"))
                .body("version", equalTo(0))
                .body("createdAt", notNullValue())
                .body("activatedAt", nullValue())
                .body("questions.key", contains("ces", "effort", "csat", "csat7", "nps", "comment", "short-note_2"))
                .body("questions.kind", contains("CES", "CES", "CSAT", "CSAT", "NPS", "COMMENT", "COMMENT"))
                .body("questions.variant", contains("AGREEMENT_7", "EFFORT_5", "FIVE", "SEVEN", null, null, null))
                .body("questions.scaleMin", contains(1, 1, 1, 1, 0, null, null))
                .body("questions.scaleMax", contains(7, 5, 5, 7, 10, null, null))
                .body("questions.scoring", contains("CES_AGREEMENT", "CES_EFFORT", "CSAT", "CSAT", "NPS", "TEXT", "TEXT"))
                .body("questions.maxLength", contains(null, null, null, null, null, 2000, 5000))
                .body("questions.required", contains(true, true, true, false, true, false, true))
                .body("questions[0].text", equalTo("Acme made it easy for me to handle my issue."))
                .body("questions[1].text", equalTo("How hard was it?"))
                .body("questions[2].text", equalTo("How satisfied were you with Acme?"))
                .body("questions[4].text", equalTo("How likely is it that you would recommend Acme to a friend or colleague?"));
    }

    @Test
    void createWithoutCompanyNameWritesTheCompany() {
        String touchpoint = Fixtures.uniqueTouchpoint();
        JourneyStub.register(WS, Fixtures.JOURNEY, touchpoint);
        given().auth().oauth2(TestTokens.admin(WS)).contentType(ContentType.JSON)
                .body(Map.of("name", "n", "journeyId", Fixtures.JOURNEY, "touchpointId", touchpoint,
                        "questions", List.of(Map.of("key", "ces", "kind", "CES"), Map.of("key", "csat", "kind", "CSAT"))))
                .when().post("/api/v1/surveys")
                .then().statusCode(201)
                .body("questions[0].text", equalTo("The company made it easy for me to handle my issue."))
                .body("questions[1].text", equalTo("How satisfied were you with the company?"));
    }

    @Test
    void createSetsLocationOfTheNewSurvey() {
        String touchpoint = Fixtures.uniqueTouchpoint();
        JourneyStub.register(WS, Fixtures.JOURNEY, touchpoint);
        var response = given().auth().oauth2(TestTokens.admin(WS)).contentType(ContentType.JSON)
                .body(Fixtures.surveyBody(touchpoint))
                .when().post("/api/v1/surveys")
                .then().statusCode(201).extract();
        assertThat(response.header("Location")).endsWith("/api/v1/surveys/" + response.path("id"));
    }

    @Test
    void createForwardsTheCallersOwnTokenToJourneyService() {
        String token = TestTokens.admin(WS);
        String touchpoint = Fixtures.uniqueTouchpoint();
        JourneyStub.register(WS, Fixtures.JOURNEY, touchpoint);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Fixtures.surveyBody(touchpoint))
                .when().post("/api/v1/surveys")
                .then().statusCode(201);
        assertThat(JourneyStub.lastAuthorization()).isEqualTo("Bearer " + token);
        assertThat(JourneyStub.lookups()).isEqualTo(1);
    }

    @Test
    void unknownTouchpointIs422NamingTouchpointIdAndWritesNothing() {
        String touchpoint = Fixtures.uniqueTouchpoint(); // never registered
        given().auth().oauth2(TestTokens.admin(WS)).contentType(ContentType.JSON).body(Fixtures.surveyBody(touchpoint))
                .when().post("/api/v1/surveys")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("about:blank"))
                .body("title", equalTo("Unprocessable Content"))
                .body("status", equalTo(422))
                .body("instance", equalTo("/api/v1/surveys"))
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("touchpointId"))
                .body("errors[0].message", equalTo("is not a touchpoint of journey '" + Fixtures.JOURNEY + "' in your workspace"));
        assertThat(JourneyStub.lookups()).as("a 404 is an answer, never retried").isEqualTo(1);
        assertThat(TestDb.count("select count(*) from survey where touchpoint_id = ?", touchpoint)).isZero();
    }

    @Test
    void touchpointOfAnotherWorkspaceIs422() {
        String touchpoint = Fixtures.uniqueTouchpoint();
        JourneyStub.register(OTHER_WS, Fixtures.JOURNEY, touchpoint);
        given().auth().oauth2(TestTokens.admin(WS)).contentType(ContentType.JSON).body(Fixtures.surveyBody(touchpoint))
                .when().post("/api/v1/surveys")
                .then().statusCode(422)
                .body("errors[0].field", equalTo("touchpointId"));
    }

    @Test
    void failingJourneyServiceIs503WithRetryAfterAfterRetriesAndWritesNothing() {
        String touchpoint = Fixtures.uniqueTouchpoint();
        JourneyStub.register(WS, Fixtures.JOURNEY, touchpoint);
        JourneyStub.failing();
        given().auth().oauth2(TestTokens.admin(WS)).contentType(ContentType.JSON).body(Fixtures.surveyBody(touchpoint))
                .when().post("/api/v1/surveys")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "7")
                .body("title", equalTo("Service Unavailable"))
                .body("status", equalTo(503))
                .body("detail", equalTo("journey-service cannot confirm the touchpoint right now; nothing was saved, try again later"))
                .body("instance", equalTo("/api/v1/surveys"));
        assertThat(JourneyStub.lookups()).as("first attempt and two retries").isEqualTo(3);
        assertThat(TestDb.count("select count(*) from survey where touchpoint_id = ?", touchpoint)).isZero();
    }

    @Test
    void slowJourneyServiceIs503AfterTheReadTimeoutWithoutRetryAndWritesNothing() {
        String touchpoint = Fixtures.uniqueTouchpoint();
        JourneyStub.register(WS, Fixtures.JOURNEY, touchpoint);
        JourneyStub.slow();
        long started = System.nanoTime();
        given().auth().oauth2(TestTokens.admin(WS)).contentType(ContentType.JSON).body(Fixtures.surveyBody(touchpoint))
                .when().post("/api/v1/surveys")
                .then().statusCode(503)
                .header("Retry-After", "7")
                .body("status", equalTo(503));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(millis).as("gives up after the 500 ms read timeout, not the stub's 3 s").isLessThan(2500);
        assertThat(JourneyStub.lookups()).as("timeouts are not retried").isEqualTo(1);
        assertThat(TestDb.count("select count(*) from survey where touchpoint_id = ?", touchpoint)).isZero();
    }

    @Test
    void circuitBreakerOpensAfterRepeatedFailuresAndStopsCallingJourneyService() {
        String touchpoint = Fixtures.uniqueTouchpoint();
        JourneyStub.register(WS, Fixtures.JOURNEY, touchpoint);
        JourneyStub.failing();
        for (int i = 0; i < 5; i++) {
            given().auth().oauth2(TestTokens.admin(WS)).contentType(ContentType.JSON).body(Fixtures.surveyBody(touchpoint))
                    .when().post("/api/v1/surveys")
                    .then().statusCode(503);
        }
        int calls = JourneyStub.lookups();
        JourneyStub.reset(); // journey-service is healthy again, but the breaker is open for 10 s
        given().auth().oauth2(TestTokens.admin(WS)).contentType(ContentType.JSON).body(Fixtures.surveyBody(touchpoint))
                .when().post("/api/v1/surveys")
                .then().statusCode(503)
                .header("Retry-After", "7");
        assertThat(calls).isLessThan(15);
        assertThat(JourneyStub.lookups()).as("an open breaker answers without calling").isZero();
        circuitBreakers.resetAll();
        given().auth().oauth2(TestTokens.admin(WS)).contentType(ContentType.JSON).body(Fixtures.surveyBody(touchpoint))
                .when().post("/api/v1/surveys")
                .then().statusCode(201);
    }

    @Test
    void aCallersRefusedOrUnreadableLookupsAre422AndNeverOpenTheBreakerForOtherWorkspaces() {
        circuitBreakers.resetAll();
        String touchpoint = Fixtures.uniqueTouchpoint();
        JourneyStub.register(OTHER_WS, Fixtures.JOURNEY, touchpoint);
        for (String mode : List.of("REFUSE", "WRONG", "GARBAGE")) {
            JourneyStub.mode(mode);
            for (int i = 0; i < 8; i++) {
                given().auth().oauth2(TestTokens.admin(WS)).contentType(ContentType.JSON)
                        .body(Fixtures.surveyBody(Fixtures.uniqueTouchpoint()))
                        .when().post("/api/v1/surveys")
                        .then().statusCode(422).contentType("application/problem+json")
                        .body("errors[0].field", equalTo("touchpointId"));
            }
        }
        assertThat(JourneyStub.lookups()).as("the caller's problem is never retried").isEqualTo(24);
        JourneyStub.reset();
        given().auth().oauth2(TestTokens.admin(OTHER_WS)).contentType(ContentType.JSON).body(Fixtures.surveyBody(touchpoint))
                .when().post("/api/v1/surveys")
                .then().statusCode(201);
    }

    @Test
    void idsOfTheWrongShapeAre400AndNeverReachJourneyService() {
        for (String bad : List.of("..", ".", "tp_../../x", "tp_%2e%2e", "tp_AAAAAAAAAAAA/..")) {
            Map<String, Object> body = new HashMap<>(Fixtures.surveyBody(bad));
            given().auth().oauth2(TestTokens.admin(WS)).contentType(ContentType.JSON).body(body)
                    .when().post("/api/v1/surveys")
                    .then().statusCode(400).body("errors.field", contains("touchpointId"));
            body.put("touchpointId", Fixtures.uniqueTouchpoint());
            body.put("journeyId", bad);
            given().auth().oauth2(TestTokens.admin(WS)).contentType(ContentType.JSON).body(body)
                    .when().post("/api/v1/surveys")
                    .then().statusCode(400).body("errors.field", contains("journeyId"));
        }
        assertThat(JourneyStub.lookups()).isZero();
    }

    // ---- create validation ------------------------------------------------------------------------------------

    @Test
    void createNamesEveryInvalidFieldAtOnce() {
        List<Map<String, Object>> questions = new ArrayList<>();
        questions.add(Map.of("key", "Bad Key", "kind", "CES"));                       // 0: key pattern
        questions.add(Map.of("key", "dup", "kind", "CES", "variant", "SEVEN"));         // 1: variant not for CES
        questions.add(Map.of("key", "dup", "kind", "NPS"));                             // 2: duplicate key
        questions.add(Map.of("key", "nps2", "kind", "NPS", "variant", "FIVE"));         // 3: NPS takes no variant
        questions.add(Map.of("key", "c1", "kind", "COMMENT", "maxLength", 5001));       // 4: maxLength too big
        questions.add(Map.of("key", "c2", "kind", "CSAT", "maxLength", 100));           // 5: maxLength not for CSAT
        questions.add(Map.of("key", "c3", "kind", "COMMENT", "text", "x".repeat(501))); // 6: text too long
        questions.add(Map.of("kind", "CES"));                                           // 7: key missing
        questions.add(Map.of("key", "k8"));                                             // 8: kind missing
        Map<String, Object> body = new HashMap<>();
        body.put("name", " ");
        body.put("touchpointId", "t".repeat(101));
        body.put("questions", questions);

        given().auth().oauth2(TestTokens.admin(WS)).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/surveys")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Bad Request"))
                .body("status", equalTo(400))
                .body("detail", equalTo("12 fields are invalid"))
                .body("errors.field", containsInAnyOrder("name", "journeyId", "touchpointId",
                        "questions[0].key", "questions[1].variant", "questions[2].key", "questions[3].variant",
                        "questions[4].maxLength", "questions[5].maxLength", "questions[6].text", "questions[7].key",
                        "questions[8].kind"))
                .body("errors.find { it.field == 'questions[1].variant' }.message",
                        equalTo("must be one of AGREEMENT_7, EFFORT_5 for CES questions"))
                .body("errors.find { it.field == 'questions[2].key' }.message",
                        equalTo("is already used by questions[1]"));
        assertThat(JourneyStub.lookups()).as("invalid requests never reach journey-service").isZero();
    }

    @Test
    void createNeedsOneToTwentyQuestions() {
        String touchpoint = Fixtures.uniqueTouchpoint();
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            many.add(Map.of("key", "q" + i, "kind", "NPS"));
        }
        for (List<Map<String, Object>> questions : List.of(List.<Map<String, Object>>of(), many)) {
            given().auth().oauth2(TestTokens.admin(WS)).contentType(ContentType.JSON)
                    .body(Map.of("name", "n", "journeyId", Fixtures.JOURNEY, "touchpointId", touchpoint, "questions", questions))
                    .when().post("/api/v1/surveys")
                    .then().statusCode(400)
                    .body("errors.field", contains("questions"))
                    .body("errors[0].message", equalTo("must contain 1 to 20 questions"));
        }
    }

    @Test
    void unknownKindIs400NamingTheField() {
        given().auth().oauth2(TestTokens.admin(WS)).contentType(ContentType.JSON)
                .body("{\"name\":\"n\",\"journeyId\":\"j\",\"touchpointId\":\"t\",\"questions\":[{\"key\":\"a\",\"kind\":\"STARS\"}]}")
                .when().post("/api/v1/surveys")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("questions[0].kind"));
    }

    @Test
    void malformedJsonIs400() {
        given().auth().oauth2(TestTokens.admin(WS)).contentType(ContentType.JSON).body("{\"name\":")
                .when().post("/api/v1/surveys")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400));
    }

    @Test
    void missingBodyIs400() {
        given().auth().oauth2(TestTokens.admin(WS)).contentType(ContentType.JSON)
                .when().post("/api/v1/surveys")
                .then().statusCode(400)
                .body("errors.field", contains("body"));
    }

    // ---- security -----------------------------------------------------------------------------------------------

    @Test
    void everySurveyEndpointNeedsAToken() {
        String id = Fixtures.draftSurvey(WS);
        for (ValidatableResponse r : List.of(
                given().contentType(ContentType.JSON).body(Fixtures.surveyBody("t")).post("/api/v1/surveys").then(),
                given().get("/api/v1/surveys/" + id).then(),
                given().get("/api/v1/surveys").then(),
                given().post("/api/v1/surveys/" + id + "/activate").then())) {
            r.statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer")
                    .body("title", equalTo("Unauthorized"))
                    .body("status", equalTo(401));
        }
        given().auth().oauth2("not-a-token").get("/api/v1/surveys").then().statusCode(401);
    }

    @Test
    void analystsReadButCannotCreateOrActivate() {
        String id = Fixtures.draftSurvey(WS);
        given().auth().oauth2(TestTokens.analyst(WS)).contentType(ContentType.JSON).body(Fixtures.surveyBody("t"))
                .when().post("/api/v1/surveys")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("title", equalTo("Forbidden"))
                .body("status", equalTo(403));
        given().auth().oauth2(TestTokens.analyst(WS)).post("/api/v1/surveys/" + id + "/activate").then().statusCode(403);
        given().auth().oauth2(TestTokens.analyst(WS)).get("/api/v1/surveys/" + id).then().statusCode(200);
        given().auth().oauth2(TestTokens.analyst(WS)).get("/api/v1/surveys").then().statusCode(200);
    }

    @Test
    void partnersAndServicesCannotUseSurveyEndpoints() {
        String id = Fixtures.draftSurvey(WS);
        given().auth().oauth2(TestTokens.partner(WS)).get("/api/v1/surveys/" + id).then().statusCode(403);
        given().auth().oauth2(TestTokens.partner(WS)).get("/api/v1/surveys").then().statusCode(403);
        given().auth().oauth2(TestTokens.service()).get("/api/v1/surveys").then().statusCode(403);
        given().auth().oauth2(TestTokens.partner(WS)).contentType(ContentType.JSON).body(Fixtures.surveyBody("t"))
                .post("/api/v1/surveys").then().statusCode(403);
    }

    // ---- read ---------------------------------------------------------------------------------------------------

    @Test
    void getAnswersTheSurveyWithItsEtag() {
        String id = Fixtures.draftSurvey(WS);
        given().auth().oauth2(TestTokens.admin(WS))
                .when().get("/api/v1/surveys/" + id)
                .then().statusCode(200)
                .header("ETag", "\"0\"")
                .body("id", equalTo(id))
                .body("status", equalTo("DRAFT"))
                .body("questions", hasSize(4))
                .body("questions[3].maxLength", equalTo(100));
    }

    @Test
    void surveyOfAnotherWorkspaceIs404() {
        String id = Fixtures.draftSurvey(OTHER_WS);
        given().auth().oauth2(TestTokens.admin(WS))
                .when().get("/api/v1/surveys/" + id)
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("title", equalTo("Not Found"))
                .body("status", equalTo(404))
                .body("detail", equalTo("No survey " + id + " in your workspace"))
                .body("instance", equalTo("/api/v1/surveys/" + id));
        given().auth().oauth2(TestTokens.admin(WS)).header("If-Match", "\"0\"").post("/api/v1/surveys/" + id + "/activate")
                .then().statusCode(404).body("errors.field", contains("id"));
        given().auth().oauth2(TestTokens.admin(OTHER_WS)).get("/api/v1/surveys/" + id).then().statusCode(200);
    }

    @Test
    void malformedIdIs404NeverA500() {
        for (String id : List.of("not-a-uuid", "123", "00000000-0000-0000-0000-00000000000z", "1-1-1-1-1")) {
            given().auth().oauth2(TestTokens.admin(WS))
                    .when().get("/api/v1/surveys/" + id)
                    .then().statusCode(404)
                    .contentType("application/problem+json")
                    .body("status", equalTo(404));
            given().auth().oauth2(TestTokens.admin(WS))
                    .when().post("/api/v1/surveys/" + id + "/activate")
                    .then().statusCode(404)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void listPagesNewestFirstWithKeysetCursor() {
        String touchpoint = Fixtures.uniqueTouchpoint();
        JourneyStub.register(WS, Fixtures.JOURNEY, touchpoint);
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(given().auth().oauth2(TestTokens.admin(WS)).contentType(ContentType.JSON)
                    .body(Fixtures.surveyBody(touchpoint)).post("/api/v1/surveys").then().statusCode(201)
                    .extract().path("id"));
        }
        List<String> newestFirst = created.reversed();

        var first = given().auth().oauth2(TestTokens.analyst(WS))
                .queryParam("touchpointId", touchpoint).queryParam("limit", 2)
                .when().get("/api/v1/surveys")
                .then().statusCode(200)
                .body("items.id", contains(newestFirst.get(0), newestFirst.get(1)))
                .body("items[0].questions", hasSize(4))
                .body("next", notNullValue())
                .extract();
        var second = given().auth().oauth2(TestTokens.analyst(WS))
                .queryParam("touchpointId", touchpoint).queryParam("limit", 2).queryParam("after", first.<String>path("next"))
                .when().get("/api/v1/surveys")
                .then().statusCode(200)
                .body("items.id", contains(newestFirst.get(2), newestFirst.get(3)))
                .extract();
        given().auth().oauth2(TestTokens.analyst(WS))
                .queryParam("touchpointId", touchpoint).queryParam("limit", 2).queryParam("after", second.<String>path("next"))
                .when().get("/api/v1/surveys")
                .then().statusCode(200)
                .body("items.id", contains(newestFirst.get(4)))
                .body("next", nullValue());
    }

    @Test
    void listFiltersByStatusAndStaysInTheWorkspace() {
        String touchpoint = Fixtures.uniqueTouchpoint();
        JourneyStub.register(WS, Fixtures.JOURNEY, touchpoint);
        JourneyStub.register(OTHER_WS, Fixtures.JOURNEY, touchpoint);
        String draft = given().auth().oauth2(TestTokens.admin(WS)).contentType(ContentType.JSON)
                .body(Fixtures.surveyBody(touchpoint)).post("/api/v1/surveys").then().statusCode(201).extract().path("id");
        String active = given().auth().oauth2(TestTokens.admin(WS)).contentType(ContentType.JSON)
                .body(Fixtures.surveyBody(touchpoint)).post("/api/v1/surveys").then().statusCode(201).extract().path("id");
        given().auth().oauth2(TestTokens.admin(WS)).header("If-Match", "\"0\"").post("/api/v1/surveys/" + active + "/activate")
                .then().statusCode(200);
        given().auth().oauth2(TestTokens.admin(OTHER_WS)).contentType(ContentType.JSON)
                .body(Fixtures.surveyBody(touchpoint)).post("/api/v1/surveys").then().statusCode(201);

        given().auth().oauth2(TestTokens.admin(WS)).queryParam("touchpointId", touchpoint)
                .get("/api/v1/surveys").then().statusCode(200).body("items.id", contains(active, draft));
        given().auth().oauth2(TestTokens.admin(WS)).queryParam("touchpointId", touchpoint).queryParam("status", "ACTIVE")
                .get("/api/v1/surveys").then().statusCode(200).body("items.id", contains(active));
        given().auth().oauth2(TestTokens.admin(WS)).queryParam("touchpointId", touchpoint).queryParam("status", "draft")
                .get("/api/v1/surveys").then().statusCode(200).body("items.id", contains(draft));
        given().auth().oauth2(TestTokens.admin(WS)).queryParam("touchpointId", Fixtures.uniqueTouchpoint())
                .get("/api/v1/surveys").then().statusCode(200).body("items", empty()).body("next", nullValue());
        given().auth().oauth2(TestTokens.admin(WS)).queryParam("touchpointId", "no-such-touchpoint")
                .get("/api/v1/surveys").then().statusCode(400).body("errors.field", contains("touchpointId"));
    }

    @Test
    void listRejectsBadParametersNamingThem() {
        for (String limit : List.of("0", "101", "ten", "-1")) {
            given().auth().oauth2(TestTokens.admin(WS)).queryParam("limit", limit)
                    .get("/api/v1/surveys").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", contains("limit"))
                    .body("errors[0].message", equalTo("must be a whole number from 1 to 100"));
        }
        given().auth().oauth2(TestTokens.admin(WS)).queryParam("limit", 100)
                .get("/api/v1/surveys").then().statusCode(200);
        given().auth().oauth2(TestTokens.admin(WS)).queryParam("status", "ARCHIVED")
                .get("/api/v1/surveys").then().statusCode(400).body("errors.field", contains("status"));
        given().auth().oauth2(TestTokens.admin(WS)).queryParam("after", "garbage!")
                .get("/api/v1/surveys").then().statusCode(400).body("errors.field", contains("after"));
    }

    // ---- activate -----------------------------------------------------------------------------------------------

    @Test
    void activateMovesDraftToActiveAndBumpsTheEtag() {
        String id = Fixtures.draftSurvey(WS);
        given().auth().oauth2(TestTokens.admin(WS)).header("If-Match", "\"0\"")
                .when().post("/api/v1/surveys/" + id + "/activate")
                .then().statusCode(200)
                .header("ETag", "\"1\"")
                .body("status", equalTo("ACTIVE"))
                .body("version", equalTo(1))
                .body("activatedAt", notNullValue());
        given().auth().oauth2(TestTokens.analyst(WS)).get("/api/v1/surveys/" + id)
                .then().statusCode(200).header("ETag", "\"1\"").body("status", equalTo("ACTIVE"));
    }

    @Test
    void activateWithStaleIfMatchIs412AndChangesNothing() {
        String id = Fixtures.draftSurvey(WS);
        for (String stale : List.of("\"7\"", "W/\"3\"")) {
            given().auth().oauth2(TestTokens.admin(WS)).header("If-Match", stale)
                    .when().post("/api/v1/surveys/" + id + "/activate")
                    .then().statusCode(412)
                    .contentType("application/problem+json")
                    .body("title", equalTo("Precondition Failed"))
                    .body("status", equalTo(412))
                    .body("detail", equalTo("The survey has changed: its current ETag is \"0\""))
                    .body("instance", equalTo("/api/v1/surveys/" + id + "/activate"));
        }
        given().auth().oauth2(TestTokens.admin(WS)).get("/api/v1/surveys/" + id)
                .then().body("status", equalTo("DRAFT")).header("ETag", "\"0\"");
    }

    @Test
    void activateFollowsTheOneIfMatchRuleMissing428Malformed400() {
        String id = Fixtures.draftSurvey(WS);
        given().auth().oauth2(TestTokens.admin(WS)).post("/api/v1/surveys/" + id + "/activate")
                .then().statusCode(428).contentType("application/problem+json")
                .body("title", equalTo("Precondition Required")).body("errors.field", contains("If-Match"));
        for (String malformed : List.of("*", "\"abc\"", "\"0\", \"1\"", "0")) {
            given().auth().oauth2(TestTokens.admin(WS)).header("If-Match", malformed).post("/api/v1/surveys/" + id + "/activate")
                    .then().statusCode(400).contentType("application/problem+json").body("errors.field", contains("If-Match"));
        }
        given().auth().oauth2(TestTokens.admin(WS)).get("/api/v1/surveys/" + id)
                .then().body("status", equalTo("DRAFT")).header("ETag", "\"0\"");
    }

    @Test
    void activatingAnActiveSurveyIs409() {
        String id = Fixtures.activeSurvey(WS);
        given().auth().oauth2(TestTokens.admin(WS)).header("If-Match", "\"1\"")
                .when().post("/api/v1/surveys/" + id + "/activate")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("title", equalTo("Conflict"))
                .body("status", equalTo(409))
                .body("detail", equalTo("Only a DRAFT survey can be activated; this one is ACTIVE"));
    }

    @Test
    void concurrentActivationsWithTheSameEtagLetExactlyOneWin() throws Exception {
        String id = Fixtures.draftSurvey(WS);
        String token = TestTokens.admin(WS);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<Integer>> calls = new ArrayList<>();
            var start = new java.util.concurrent.CountDownLatch(1);
            for (int i = 0; i < 6; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    return given().auth().oauth2(token).header("If-Match", "\"0\"")
                            .post("/api/v1/surveys/" + id + "/activate").statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (var call : calls) {
                statuses.add(call.get());
            }
            assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
            assertThat(statuses).filteredOn(s -> s != 200).allMatch(s -> s == 412);
        } finally {
            pool.shutdownNow();
        }
        assertThat(TestDb.count("select version from survey where id = ?::uuid", id)).isEqualTo(1);
    }
}
