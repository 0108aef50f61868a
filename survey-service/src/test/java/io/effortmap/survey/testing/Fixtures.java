package io.effortmap.survey.testing;

import static io.restassured.RestAssured.given;

import io.effortmap.testsupport.TestTokens;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Surveys and responses created through the API, each on its own fresh touchpoint. */
public final class Fixtures {

    /**
     * One instant for every body this run builds: a retry of a request must carry the same content (it is hashed
     * beside its idempotency key), and a body rebuilt a second later would otherwise differ.
     */
    private static final String OCCURRED_AT =
            Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();

    public static final String JOURNEY = "jr_Fixture0journey";

    private Fixtures() {
    }

    /** A fresh touchpoint id of journey-service's shape ({@code tp_} and 16 url-safe characters). */
    public static String uniqueTouchpoint() {
        return "tp_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    /**
     * A survey with: {@code ces} (CES 1-7, required), {@code csat} (CSAT 1-7, required), {@code nps} (NPS 0-10,
     * optional) and {@code comment} (COMMENT, max 100 characters, optional).
     */
    public static Map<String, Object> surveyBody(String touchpointId) {
        return Map.of(
                "name", "Password reset follow-up",
                "journeyId", JOURNEY,
                "touchpointId", touchpointId,
                "companyName", "Acme",
                "questions", List.of(
                        Map.of("key", "ces", "kind", "CES"),
                        Map.of("key", "csat", "kind", "CSAT", "variant", "SEVEN"),
                        Map.of("key", "nps", "kind", "NPS", "required", false),
                        Map.of("key", "comment", "kind", "COMMENT", "maxLength", 100)));
    }

    public static String draftSurvey(String workspace) {
        return draftSurvey(workspace, null);
    }

    /** A DRAFT survey with {@code questions} (survey-request shape), or those of {@link #surveyBody} when null. */
    public static String draftSurvey(String workspace, List<Map<String, Object>> questions) {
        String touchpoint = uniqueTouchpoint();
        JourneyStub.register(workspace, JOURNEY, touchpoint);
        Map<String, Object> body = new HashMap<>(surveyBody(touchpoint));
        if (questions != null) {
            body.put("questions", questions);
        }
        return given().auth().oauth2(TestTokens.admin(workspace))
                .contentType(ContentType.JSON)
                .body(body)
                .when().post("/api/v1/surveys")
                .then().statusCode(201)
                .extract().path("id");
    }

    public static String activeSurvey(String workspace) {
        return activeSurvey(workspace, null);
    }

    public static String activeSurvey(String workspace, List<Map<String, Object>> questions) {
        String id = draftSurvey(workspace, questions);
        given().auth().oauth2(TestTokens.admin(workspace)).header("If-Match", "\"0\"")
                .when().post("/api/v1/surveys/" + id + "/activate")
                .then().statusCode(200);
        return id;
    }

    /** A valid response body for {@link #surveyBody} surveys. */
    public static Map<String, Object> responseBody(String surveyId, String customerId) {
        return Map.of(
                "surveyId", surveyId,
                "customerId", customerId,
                "channel", "web",
                "occurredAt", OCCURRED_AT,
                "interactionId", "int-" + customerId,
                "segments", Map.of("region", "EU", "plan", "pro"),
                "answers", List.of(
                        Map.of("questionKey", "ces", "score", 6),
                        Map.of("questionKey", "csat", "score", 7),
                        Map.of("questionKey", "comment", "text", "Quick and painless")));
    }

    /** Submits {@link #responseBody} as a partner of the workspace; answers the new response id. */
    public static String submitResponse(String workspace, String surveyId, String customerId) {
        return given().auth().oauth2(TestTokens.partner(workspace))
                .header("Idempotency-Key", "key-" + UUID.randomUUID())
                .contentType(ContentType.JSON)
                .body(responseBody(surveyId, customerId))
                .when().post("/api/v1/responses")
                .then().statusCode(201)
                .extract().path("id");
    }
}
