package io.effortmap.survey;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.effortmap.survey.testing.Fixtures;
import io.effortmap.survey.testing.Invitations;
import io.effortmap.survey.testing.JourneyStubResource;
import io.effortmap.survey.testing.TestDb;
import io.effortmap.testsupport.PostgresResource;
import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The API boundary rules every service shares (common), on survey-service's PostgreSQL store: text PostgreSQL cannot
 * hold (U+0000) and other control characters, keys repeated in one JSON object, unknown query parameters and malformed
 * ids answer a 4xx problem naming the field, including on the respondent endpoint that needs no account.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(TestOidcResource.class)
@WithTestResource(JourneyStubResource.class)
class ApiBoundaryTest {

    private static final String WS = "ws-boundary";

    @Test
    void nulInAnyStringFieldIs400NamingTheFieldNeverA500() {
        String touchpoint = Fixtures.uniqueTouchpoint();
        given().auth().oauth2(TestTokens.admin(WS)).contentType(ContentType.JSON)
                .body("{\"name\": \"Reset\\u0000\", \"journeyId\": \"" + Fixtures.JOURNEY + "\", \"touchpointId\": \""
                        + touchpoint + "\", \"questions\": [{\"key\": \"ces\", \"kind\": \"CES\"}]}")
                .when().post("/api/v1/surveys")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("name")).body("errors[0].message", containsString("U+0000"));
        String survey = Fixtures.activeSurvey(WS);
        given().auth().oauth2(TestTokens.partner(WS)).header("Idempotency-Key", "k-" + UUID.randomUUID())
                .contentType(ContentType.JSON)
                .body("{\"surveyId\": \"" + survey + "\", \"customerId\": \"c\\u0000\", \"channel\": \"web\", "
                        + "\"occurredAt\": \"2026-01-01T00:00:00Z\", \"answers\": [{\"questionKey\": \"ces\", \"score\": 5}]}")
                .when().post("/api/v1/responses")
                .then().statusCode(400).body("errors[0].field", equalTo("customerId"));
        given().auth().oauth2(TestTokens.partner(WS)).contentType(ContentType.JSON)
                .body("{\"items\": [{\"surveyId\": \"" + survey + "\", \"customerId\": \"c\", \"segments\": "
                        + "{\"region\": \"EU\\u0000\"}}]}")
                .when().post("/api/v1/responses/bulk")
                .then().statusCode(400).body("errors[0].field", equalTo("items[0].segments[region]"));
        assertThat(TestDb.count("select count(*) from response where survey_id = ?::uuid", survey)).isZero();
    }

    @Test
    void theRespondentEndpointRefusesControlCharactersTooWithoutAnAccount() {
        String survey = Fixtures.activeSurvey(WS);
        String token = Invitations.create(WS, survey, "cust-1", null).getString("token");
        for (String bad : new String[] {"\\u0000", "\\u001b[2J", "\\ud83d"}) {
            given().contentType(ContentType.JSON)
                    .body("{\"answers\": [{\"questionKey\": \"ces\", \"score\": 6}, {\"questionKey\": \"comment\", "
                            + "\"text\": \"fine" + bad + "\"}]}")
                    .when().post("/api/v1/public/surveys/" + token + "/responses")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("answers[1].text"));
        }
        given().contentType(ContentType.JSON)
                .body("{\"answers\": [{\"questionKey\": \"ces\", \"score\": 6}, {\"questionKey\": \"csat\", \"score\": 6}, "
                        + "{\"questionKey\": \"comment\", \"text\": \"Line one\\nline two\\tdone\"}]}")
                .when().post("/api/v1/public/surveys/" + token + "/responses")
                .then().statusCode(201);
        given().urlEncodingEnabled(false).when().get("/api/v1/public/surveys/abc%C2%85def").then().statusCode(400)
                .body("errors[0].field", equalTo("token"));
        given().urlEncodingEnabled(false).when().get("/api/v1/public/surveys/abc%00def").then().statusCode(400)
                .body("errors[0].field", equalTo("path"));
        given().when().get("/api/v1/public/surveys/..x").then().statusCode(404)
                .body("errors[0].field", equalTo("token"));
    }

    @Test
    void aKeyRepeatedInOneObjectIs400NamingIt() {
        given().auth().oauth2(TestTokens.admin(WS)).contentType(ContentType.JSON)
                .body("{\"name\": \"a\", \"journeyId\": \"" + Fixtures.JOURNEY + "\", \"touchpointId\": \"tp_AAAAAAAAAAAA\", "
                        + "\"questions\": [{\"key\": \"ces\", \"kind\": \"CES\", \"kind\": \"NPS\"}]}")
                .when().post("/api/v1/surveys")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("questions[0].kind"))
                .body("errors[0].message", equalTo("appears more than once in its object"));
        given().contentType(ContentType.JSON).body("{\"answers\": [], \"answers\": []}")
                .when().post("/api/v1/public/surveys/" + "A".repeat(43) + "/responses")
                .then().statusCode(400).body("errors[0].field", equalTo("answers"));
    }

    @Test
    void unknownQueryParametersAndControlCharactersInParametersAre400() {
        given().auth().oauth2(TestTokens.analyst(WS)).queryParam("touchpointID", "tp_AAAAAAAAAAAA")
                .when().get("/api/v1/surveys")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("touchpointID"))
                .body("errors[0].message", containsString("after, kind, limit, status, touchpointId"));
        given().auth().oauth2(TestTokens.analyst(WS)).queryParam("segment", "region:EU").queryParam("segmnt", "x")
                .when().get("/api/v1/responses")
                .then().statusCode(400).body("errors.field", contains("segmnt"));
        given().auth().oauth2(TestTokens.analyst(WS)).queryParam("questionKey", "c\u0000")
                .when().get("/api/v1/responses/export")
                .then().statusCode(400).body("errors.field", contains("questionKey"));
        given().auth().oauth2(TestTokens.analyst(WS)).queryParam("segment", "region:E\u0000U")
                .when().get("/api/v1/responses")
                .then().statusCode(400).body("errors.field", contains("segment"));
        given().queryParam("preview", "true").when().get("/api/v1/public/surveys/" + "A".repeat(43))
                .then().statusCode(400).body("errors.field", contains("preview"));
    }

    @Test
    void malformedPathIdsAre404NamingTheParameter() {
        given().auth().oauth2(TestTokens.analyst(WS)).when().get("/api/v1/surveys/..x")
                .then().statusCode(404).contentType("application/problem+json").body("errors[0].field", equalTo("id"));
        given().auth().oauth2(TestTokens.analyst(WS)).when().get("/api/v1/responses/not-a-uuid")
                .then().statusCode(404).body("errors[0].field", equalTo("id"));
        given().auth().oauth2(TestTokens.analyst(WS)).when().get("/api/v1/responses/" + UUID.randomUUID())
                .then().statusCode(404).body("errors[0].field", equalTo("id"));
    }
}
