package io.effortmap.survey.survey.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(TestOidcResource.class)
@WithTestResource(JourneyStubResource.class)
class SurveyLifecycleTest {

    private static final String WS = "ws-life";

    @AfterEach
    void journeyServiceBackToNormal() {
        JourneyStub.reset();
    }

    private static Map<String, Object> editedBody(String touchpoint) {
        return Map.of(
                "name", "Renamed",
                "journeyId", Fixtures.JOURNEY,
                "touchpointId", touchpoint,
                "companyName", "Globex",
                "questions", List.of(
                        Map.of("key", "comment", "kind", "COMMENT"),
                        Map.of("key", "ces", "kind", "CES", "variant", "EFFORT_5")));
    }

    private static String touchpointOf(String id) {
        return given().auth().oauth2(TestTokens.admin(WS)).get("/api/v1/surveys/" + id).then().extract()
                .path("touchpointId");
    }

    // ---- close --------------------------------------------------------------------------------------------------

    @Test
    void closeMovesActiveToClosedAndResponsesAreThen409() {
        String id = Fixtures.activeSurvey(WS);
        given().auth().oauth2(TestTokens.admin(WS)).header("If-Match", "\"1\"")
                .when().post("/api/v1/surveys/" + id + "/close")
                .then().statusCode(200)
                .header("ETag", "\"2\"")
                .body("status", equalTo("CLOSED"))
                .body("closedAt", notNullValue())
                .body("activatedAt", notNullValue());

        given().auth().oauth2(TestTokens.partner(WS)).header("Idempotency-Key", "k-" + UUID.randomUUID())
                .contentType(ContentType.JSON).body(Fixtures.responseBody(id, "c-1"))
                .when().post("/api/v1/responses")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("title", equalTo("Conflict"))
                .body("status", equalTo(409))
                .body("detail", equalTo("surveyId: survey is CLOSED; only ACTIVE surveys accept responses"))
                .body("instance", equalTo("/api/v1/responses"))
                .body("errors.field", contains("surveyId"))
                .body("errors[0].message", equalTo("survey is CLOSED; only ACTIVE surveys accept responses"));
        assertThat(TestDb.count("select count(*) from response where survey_id = ?::uuid", id)).isZero();
    }

    @Test
    void closeHonoursIfMatchAndOnlyClosesActiveSurveys() {
        String active = Fixtures.activeSurvey(WS);
        given().auth().oauth2(TestTokens.admin(WS)).header("If-Match", "\"0\"")
                .when().post("/api/v1/surveys/" + active + "/close")
                .then().statusCode(412)
                .contentType("application/problem+json")
                .body("title", equalTo("Precondition Failed"))
                .body("status", equalTo(412))
                .body("detail", equalTo("The survey has changed: its current ETag is \"1\""))
                .body("instance", equalTo("/api/v1/surveys/" + active + "/close"));

        String draft = Fixtures.draftSurvey(WS);
        given().auth().oauth2(TestTokens.admin(WS)).header("If-Match", "\"0\"")
                .when().post("/api/v1/surveys/" + draft + "/close")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("title", equalTo("Conflict"))
                .body("detail", equalTo("Only an ACTIVE survey can be closed; this one is DRAFT"));

        given().auth().oauth2(TestTokens.admin(WS)).post("/api/v1/surveys/" + active + "/close").then().statusCode(428)
                .body("errors.field", contains("If-Match"));
        given().auth().oauth2(TestTokens.admin(WS)).header("If-Match", "\"1\"").post("/api/v1/surveys/" + active + "/close")
                .then().statusCode(200);
        given().auth().oauth2(TestTokens.admin(WS)).header("If-Match", "\"2\"").post("/api/v1/surveys/" + active + "/close")
                .then().statusCode(409).body("detail", equalTo("Only an ACTIVE survey can be closed; this one is CLOSED"));
        given().auth().oauth2(TestTokens.admin(WS)).header("If-Match", "\"2\"").post("/api/v1/surveys/" + active + "/activate")
                .then().statusCode(409).body("detail", equalTo("Only a DRAFT survey can be activated; this one is CLOSED"));
    }

    // ---- edit ---------------------------------------------------------------------------------------------------

    @Test
    void editReplacesADraftAndBumpsTheEtag() {
        String id = Fixtures.draftSurvey(WS);
        String touchpoint = touchpointOf(id);
        given().auth().oauth2(TestTokens.admin(WS)).header("If-Match", "\"0\"")
                .contentType(ContentType.JSON).body(editedBody(touchpoint))
                .when().put("/api/v1/surveys/" + id)
                .then().statusCode(200)
                .header("ETag", "\"1\"")
                .body("name", equalTo("Renamed"))
                .body("companyName", equalTo("Globex"))
                .body("status", equalTo("DRAFT"))
                .body("questions.key", contains("comment", "ces"))
                .body("questions.scaleMax", contains(null, 5))
                .body("questions[1].scoring", equalTo("CES_EFFORT"));
        given().auth().oauth2(TestTokens.analyst(WS)).get("/api/v1/surveys/" + id)
                .then().statusCode(200).header("ETag", "\"1\"").body("questions.key", contains("comment", "ces"));
        assertThat(TestDb.count("select count(*) from survey_question where survey_id = ?::uuid", id)).isEqualTo(2);
    }

    @Test
    void editThatSwapsQuestionKeysBetweenPositionsSucceeds() {
        String id = Fixtures.draftSurvey(WS);
        Map<String, Object> body = new HashMap<>(Fixtures.surveyBody(touchpointOf(id)));
        body.put("questions", List.of(
                Map.of("key", "comment", "kind", "COMMENT"),
                Map.of("key", "nps", "kind", "NPS"),
                Map.of("key", "csat", "kind", "CSAT"),
                Map.of("key", "ces", "kind", "CES")));
        given().auth().oauth2(TestTokens.admin(WS)).header("If-Match", "\"0\"")
                .contentType(ContentType.JSON).body(body)
                .when().put("/api/v1/surveys/" + id)
                .then().statusCode(200)
                .body("questions.key", contains("comment", "nps", "csat", "ces"));
    }

    @Test
    void editWithoutIfMatchIs428NamingTheHeader() {
        String id = Fixtures.draftSurvey(WS);
        given().auth().oauth2(TestTokens.admin(WS))
                .contentType(ContentType.JSON).body(editedBody(touchpointOf(id)))
                .when().put("/api/v1/surveys/" + id)
                .then().statusCode(428)
                .contentType("application/problem+json")
                .body("title", equalTo("Precondition Required"))
                .body("status", equalTo(428))
                .body("detail", equalTo("Send If-Match with the ETag of your last read, e.g. If-Match: \"3\""))
                .body("instance", equalTo("/api/v1/surveys/" + id))
                .body("errors.field", contains("If-Match"))
                .body("errors[0].message", equalTo("is required"));
        given().auth().oauth2(TestTokens.admin(WS)).get("/api/v1/surveys/" + id)
                .then().header("ETag", "\"0\"").body("name", equalTo("Password reset follow-up"));
    }

    @Test
    void editWithStaleIfMatchIs412AndChangesNothing() {
        String id = Fixtures.draftSurvey(WS);
        given().auth().oauth2(TestTokens.admin(WS)).header("If-Match", "\"5\"")
                .contentType(ContentType.JSON).body(editedBody(touchpointOf(id)))
                .when().put("/api/v1/surveys/" + id)
                .then().statusCode(412)
                .contentType("application/problem+json")
                .body("title", equalTo("Precondition Failed"))
                .body("status", equalTo(412))
                .body("detail", equalTo("The survey has changed: its current ETag is \"0\""))
                .body("instance", equalTo("/api/v1/surveys/" + id));
        given().auth().oauth2(TestTokens.admin(WS)).get("/api/v1/surveys/" + id)
                .then().header("ETag", "\"0\"").body("questions.key", contains("ces", "csat", "nps", "comment"));
    }

    @Test
    void editOfAnActiveSurveyIs409PointingToNewVersions() {
        String id = Fixtures.activeSurvey(WS);
        given().auth().oauth2(TestTokens.admin(WS)).header("If-Match", "\"1\"")
                .contentType(ContentType.JSON).body(editedBody(touchpointOf(id)))
                .when().put("/api/v1/surveys/" + id)
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("title", equalTo("Conflict"))
                .body("status", equalTo(409))
                .body("detail", equalTo("Only a DRAFT survey can be edited; this one is ACTIVE. Create a new version"
                        + " with POST /api/v1/surveys/" + id + "/versions"));
    }

    @Test
    void editValidatesTheBodyLikeCreate() {
        String id = Fixtures.draftSurvey(WS);
        given().auth().oauth2(TestTokens.admin(WS)).header("If-Match", "\"0\"")
                .contentType(ContentType.JSON)
                .body(Map.of("name", "", "journeyId", "j", "touchpointId", "t", "questions", List.of()))
                .when().put("/api/v1/surveys/" + id)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Bad Request"))
                .body("detail", equalTo("4 fields are invalid"))
                .body("errors.field", contains("name", "journeyId", "touchpointId", "questions"))
                .body("errors.message", contains("is required",
                        "must be a journey id (jr_ followed by 12 to 16 letters, digits, '_' or '-')",
                        "must be a touchpoint id (tp_ followed by 12 to 16 letters, digits, '_' or '-')",
                        "must contain 1 to 20 questions"));
    }

    @Test
    void editToAnUnknownTouchpointIs422() {
        String id = Fixtures.draftSurvey(WS);
        given().auth().oauth2(TestTokens.admin(WS)).header("If-Match", "\"0\"")
                .contentType(ContentType.JSON).body(editedBody(Fixtures.uniqueTouchpoint()))
                .when().put("/api/v1/surveys/" + id)
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("title", equalTo("Unprocessable Content"))
                .body("errors.field", contains("touchpointId"))
                .body("errors[0].message", equalTo("is not a touchpoint of journey '" + Fixtures.JOURNEY + "' in your workspace"));
        given().auth().oauth2(TestTokens.admin(WS)).get("/api/v1/surveys/" + id).then().header("ETag", "\"0\"");
    }

    @Test
    void editMovingToAnotherKnownTouchpointSucceeds() {
        String id = Fixtures.draftSurvey(WS);
        String other = Fixtures.uniqueTouchpoint();
        JourneyStub.register(WS, Fixtures.JOURNEY, other);
        given().auth().oauth2(TestTokens.admin(WS)).header("If-Match", "*")
                .contentType(ContentType.JSON).body(editedBody(other))
                .when().put("/api/v1/surveys/" + id)
                .then().statusCode(400).body("errors.field", contains("If-Match"));
        given().auth().oauth2(TestTokens.admin(WS)).header("If-Match", "\"0\"")
                .contentType(ContentType.JSON).body(editedBody(other))
                .when().put("/api/v1/surveys/" + id)
                .then().statusCode(200).body("touchpointId", equalTo(other));
    }

    // ---- versions -----------------------------------------------------------------------------------------------

    @Test
    void newVersionCopiesQuestionsIntoADraftAndLeavesTheOriginalAndItsAnswersAlone() {
        String original = Fixtures.activeSurvey(WS);
        String responseId = Fixtures.submitResponse(WS, original, "c-1");

        var created = given().auth().oauth2(TestTokens.admin(WS))
                .when().post("/api/v1/surveys/" + original + "/versions")
                .then().statusCode(201)
                .header("ETag", "\"0\"")
                .body("id", not(equalTo(original)))
                .body("status", equalTo("DRAFT"))
                .body("previousVersionId", equalTo(original))
                .body("companyName", equalTo("Acme"))
                .body("touchpointId", equalTo(touchpointOf(original)))
                .body("questions.key", contains("ces", "csat", "nps", "comment"))
                .body("questions[0].text", equalTo("Acme made it easy for me to handle my issue."))
                .extract();
        String copy = created.path("id");
        assertThat(created.header("Location")).endsWith("/api/v1/surveys/" + copy);

        given().auth().oauth2(TestTokens.admin(WS)).header("If-Match", "\"0\"")
                .contentType(ContentType.JSON).body(editedBody(touchpointOf(original)))
                .put("/api/v1/surveys/" + copy).then().statusCode(200);

        given().auth().oauth2(TestTokens.admin(WS)).get("/api/v1/surveys/" + original)
                .then().statusCode(200).body("status", equalTo("ACTIVE")).body("previousVersionId", nullValue())
                .body("questions.key", contains("ces", "csat", "nps", "comment"));
        given().auth().oauth2(TestTokens.analyst(WS)).get("/api/v1/responses/" + responseId)
                .then().statusCode(200).body("surveyId", equalTo(original))
                .body("answers.questionKey", contains("ces", "csat", "comment"))
                .body("answers[0].scaleMax", equalTo(7));
    }

    @Test
    void newVersionOfAnUnknownSurveyIs404() {
        String unknown = UUID.randomUUID().toString();
        given().auth().oauth2(TestTokens.admin(WS))
                .when().post("/api/v1/surveys/" + unknown + "/versions")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("title", equalTo("Not Found"))
                .body("status", equalTo(404))
                .body("detail", equalTo("No survey " + unknown + " in your workspace"))
                .body("instance", equalTo("/api/v1/surveys/" + unknown + "/versions"));
    }

    // ---- list by kind -------------------------------------------------------------------------------------------

    @Test
    void listFiltersBySurveysHavingAQuestionOfAKind() {
        String touchpoint = Fixtures.uniqueTouchpoint();
        JourneyStub.register(WS, Fixtures.JOURNEY, touchpoint);
        String withNps = given().auth().oauth2(TestTokens.admin(WS)).contentType(ContentType.JSON)
                .body(Fixtures.surveyBody(touchpoint)).post("/api/v1/surveys").then().statusCode(201).extract().path("id");
        String cesOnly = given().auth().oauth2(TestTokens.admin(WS)).contentType(ContentType.JSON)
                .body(Map.of("name", "n", "journeyId", Fixtures.JOURNEY, "touchpointId", touchpoint,
                        "questions", List.of(Map.of("key", "ces", "kind", "CES"))))
                .post("/api/v1/surveys").then().statusCode(201).extract().path("id");

        given().auth().oauth2(TestTokens.analyst(WS)).queryParam("touchpointId", touchpoint).queryParam("kind", "nps")
                .get("/api/v1/surveys").then().statusCode(200).body("items.id", contains(withNps));
        given().auth().oauth2(TestTokens.analyst(WS)).queryParam("touchpointId", touchpoint).queryParam("kind", "CES")
                .get("/api/v1/surveys").then().statusCode(200).body("items.id", contains(cesOnly, withNps));
        given().auth().oauth2(TestTokens.analyst(WS)).queryParam("touchpointId", touchpoint).queryParam("kind", "CES")
                .queryParam("status", "ACTIVE")
                .get("/api/v1/surveys").then().statusCode(200).body("items", org.hamcrest.Matchers.empty());
        given().auth().oauth2(TestTokens.analyst(WS)).queryParam("kind", "STARS")
                .get("/api/v1/surveys").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("kind"))
                .body("errors[0].message", equalTo("must be CES, CSAT, NPS or COMMENT"));
    }

    @Test
    void listFiltersClosedSurveys() {
        String touchpoint = Fixtures.uniqueTouchpoint();
        JourneyStub.register(WS, Fixtures.JOURNEY, touchpoint);
        String id = given().auth().oauth2(TestTokens.admin(WS)).contentType(ContentType.JSON)
                .body(Fixtures.surveyBody(touchpoint)).post("/api/v1/surveys").then().statusCode(201).extract().path("id");
        given().auth().oauth2(TestTokens.admin(WS)).header("If-Match", "\"0\"").post("/api/v1/surveys/" + id + "/activate")
                .then().statusCode(200);
        given().auth().oauth2(TestTokens.admin(WS)).header("If-Match", "\"1\"").post("/api/v1/surveys/" + id + "/close")
                .then().statusCode(200);
        given().auth().oauth2(TestTokens.analyst(WS)).queryParam("touchpointId", touchpoint).queryParam("status", "closed")
                .get("/api/v1/surveys").then().statusCode(200).body("items.id", contains(id));
    }

    // ---- security -----------------------------------------------------------------------------------------------

    @Test
    void onlyAdminsCloseEditOrVersionSurveys() {
        String id = Fixtures.activeSurvey(WS);
        for (String token : List.of(TestTokens.analyst(WS), TestTokens.partner(WS), TestTokens.service())) {
            given().auth().oauth2(token).post("/api/v1/surveys/" + id + "/close")
                    .then().statusCode(403).contentType("application/problem+json").body("title", equalTo("Forbidden"));
            given().auth().oauth2(token).post("/api/v1/surveys/" + id + "/versions").then().statusCode(403);
            given().auth().oauth2(token).header("If-Match", "*").contentType(ContentType.JSON)
                    .body(editedBody("t")).put("/api/v1/surveys/" + id).then().statusCode(403);
        }
        given().post("/api/v1/surveys/" + id + "/close").then().statusCode(401).header("WWW-Authenticate", "Bearer");
        given().post("/api/v1/surveys/" + id + "/versions").then().statusCode(401);
        given().contentType(ContentType.JSON).body(editedBody("t")).put("/api/v1/surveys/" + id).then().statusCode(401);
        given().auth().oauth2(TestTokens.admin(WS)).get("/api/v1/surveys/" + id).then().body("status", equalTo("ACTIVE"));
    }
}
