package io.effortmap.survey;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

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
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Idempotency-Key on survey-service's creating POSTs: surveys, survey versions and single invitations. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(TestOidcResource.class)
@WithTestResource(JourneyStubResource.class)
class IdempotentCreateTest {

    private static ExtractableResponse<Response> post(String path, String token, String key, Object body) {
        var request = given().auth().oauth2(token).contentType(ContentType.JSON);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        if (body != null) {
            request.body(body);
        }
        return request.when().post(path).then().extract();
    }

    @Test
    void aRetriedSurveyCreateAnswersTheFirstSurveyAndTheKeyIsStoredPerWorkspace() {
        String ws = "ws-idem-" + UUID.randomUUID();
        String touchpoint = Fixtures.uniqueTouchpoint();
        JourneyStub.register(ws, Fixtures.JOURNEY, touchpoint);
        String key = "create-" + UUID.randomUUID();
        ExtractableResponse<Response> first = post("/api/v1/surveys", TestTokens.admin(ws), key, Fixtures.surveyBody(touchpoint));
        ExtractableResponse<Response> retry = post("/api/v1/surveys", TestTokens.admin(ws), key, Fixtures.surveyBody(touchpoint));
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.header("Idempotency-Replayed")).isEqualTo("true");
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.header("ETag")).isEqualTo("\"0\"");
        assertThat(retry.jsonPath().getString("id")).isEqualTo(first.jsonPath().getString("id"));
        assertThat(TestDb.count("select count(*) from survey where touchpoint_id = ?", touchpoint)).isEqualTo(1);
        assertThat(TestDb.count("select count(*) from idempotency_key where workspace = ? and key = ? and completed",
                ws, key)).as("stored, so it outlives the process").isEqualTo(1);

        Map<String, Object> other = new java.util.HashMap<>(Fixtures.surveyBody(touchpoint));
        other.put("name", "Something else");
        ExtractableResponse<Response> conflict = post("/api/v1/surveys", TestTokens.admin(ws), key, other);
        assertThat(conflict.statusCode()).isEqualTo(422);
        assertThat(conflict.jsonPath().getString("errors[0].field")).isEqualTo("Idempotency-Key");

        String otherWs = "ws-idem-" + UUID.randomUUID();
        JourneyStub.register(otherWs, Fixtures.JOURNEY, touchpoint);
        assertThat(post("/api/v1/surveys", TestTokens.admin(otherWs), key, Fixtures.surveyBody(touchpoint)).statusCode())
                .isEqualTo(201);
        assertThat(TestDb.count("select count(*) from survey where touchpoint_id = ?", touchpoint)).isEqualTo(2);
    }

    @Test
    void aRefusedCreateLeavesTheKeyFree() {
        String ws = "ws-idem-" + UUID.randomUUID();
        String touchpoint = Fixtures.uniqueTouchpoint();
        String key = "k-" + UUID.randomUUID();
        assertThat(post("/api/v1/surveys", TestTokens.admin(ws), key, Fixtures.surveyBody(touchpoint)).statusCode())
                .as("touchpoint not known yet").isEqualTo(422);
        JourneyStub.register(ws, Fixtures.JOURNEY, touchpoint);
        assertThat(post("/api/v1/surveys", TestTokens.admin(ws), key, Fixtures.surveyBody(touchpoint)).statusCode())
                .isEqualTo(201);
    }

    @Test
    void aRetriedNewVersionAnswersTheFirstCopy() {
        String ws = "ws-idem-" + UUID.randomUUID();
        String survey = Fixtures.activeSurvey(ws);
        String key = "v-" + UUID.randomUUID();
        ExtractableResponse<Response> first = post("/api/v1/surveys/" + survey + "/versions", TestTokens.admin(ws), key, null);
        ExtractableResponse<Response> retry = post("/api/v1/surveys/" + survey + "/versions", TestTokens.admin(ws), key, null);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.jsonPath().getString("id")).isEqualTo(first.jsonPath().getString("id"));
        assertThat(TestDb.count("select count(*) from survey where previous_version_id = ?::uuid", survey)).isEqualTo(1);
    }

    @Test
    void aRetriedInvitationAnswersTheFirstInvitationWithoutItsToken() {
        String ws = "ws-idem-" + UUID.randomUUID();
        String survey = Fixtures.activeSurvey(ws);
        String key = "i-" + UUID.randomUUID();
        Map<String, Object> body = Map.of("surveyId", survey, "customerId", "cust-9");
        ExtractableResponse<Response> first = post("/api/v1/invitations", TestTokens.partner(ws), key, body);
        ExtractableResponse<Response> retry = post("/api/v1/invitations", TestTokens.partner(ws), key, body);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.jsonPath().getString("token")).isNotNull();
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.header("Idempotency-Replayed")).isEqualTo("true");
        assertThat(retry.jsonPath().getString("id")).isEqualTo(first.jsonPath().getString("id"));
        assertThat(retry.jsonPath().getString("token")).isNull();
        assertThat(TestDb.count("select count(*) from invitation where survey_id = ?::uuid", survey)).isEqualTo(1);
        assertThat(post("/api/v1/invitations", TestTokens.partner(ws), key,
                Map.of("surveyId", survey, "customerId", "cust-10")).statusCode()).isEqualTo(422);
        assertThat(post("/api/v1/invitations", TestTokens.partner(ws), null, body).statusCode())
                .as("without a key every POST creates").isEqualTo(201);
    }
}
