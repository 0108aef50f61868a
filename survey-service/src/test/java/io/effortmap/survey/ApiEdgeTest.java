package io.effortmap.survey;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.effortmap.survey.testing.Fixtures;
import io.effortmap.survey.testing.JourneyStub;
import io.effortmap.survey.testing.JourneyStubResource;
import io.effortmap.testsupport.ConsoleLogCapture;
import io.effortmap.testsupport.PostgresResource;
import io.effortmap.testsupport.RawHttp;
import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * survey-service's side of the public edge: what its answers carry (nosniff, no-store, a relative Location), which
 * paths it refuses like the gateway does, what its API port does not serve, and what its console log never shows.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(TestOidcResource.class)
@WithTestResource(JourneyStubResource.class)
class ApiEdgeTest {

    private static final String WS = "ws-edge";
    private static final String TOKEN = "Q7Xv0bM2kP9sT4wY1zC6dF8hJ3nL5rA0eG2iK4mO6uZ";

    @Test
    void createdSurveyIsNamedByARelativeReferenceNotByTheServicesOwnAddress() {
        String touchpoint = Fixtures.uniqueTouchpoint();
        JourneyStub.register(WS, Fixtures.JOURNEY, touchpoint);
        var created = given().auth().oauth2(TestTokens.admin(WS)).contentType(ContentType.JSON)
                .body(Fixtures.surveyBody(touchpoint)).post("/api/v1/surveys")
                .then().statusCode(201).extract();
        assertThat(created.header("Location")).isEqualTo("/api/v1/surveys/" + created.path("id"));
        given().auth().oauth2(TestTokens.admin(WS)).get(created.header("Location")).then().statusCode(200);
    }

    @Test
    void submittedResponseIsNamedByARelativeReference() {
        String survey = Fixtures.activeSurvey(WS);
        var created = given().auth().oauth2(TestTokens.partner(WS)).header("Idempotency-Key", "edge-" + UUID.randomUUID())
                .contentType(ContentType.JSON).body(Fixtures.responseBody(survey, "edge-customer"))
                .post("/api/v1/responses")
                .then().statusCode(201).extract();
        assertThat(created.header("Location")).isEqualTo("/api/v1/responses/" + created.path("id"));
    }

    @Test
    void everyAnswerForbidsSniffingAndStoring() {
        given().auth().oauth2(TestTokens.admin(WS)).get("/api/v1/surveys").then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff").header("Cache-Control", "no-store");
        given().get("/api/v1/surveys").then().statusCode(401).contentType("application/problem+json")
                .header("X-Content-Type-Options", "nosniff").header("Cache-Control", "no-store");
        given().get("/api/v1/public/surveys/unknown-token").then().statusCode(404)
                .header("X-Content-Type-Options", "nosniff").header("Cache-Control", "no-store");
        given().get("/nothing-here").then().statusCode(404)
                .header("X-Content-Type-Options", "nosniff").header("Cache-Control", "no-store");
    }

    /** Also called from inside the cluster (metrics-service), so the service refuses what the gateway refuses. */
    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/public/../surveys", "/api/v1/public/%2e%2e/surveys", "/api/v1/public/..;/surveys",
            "/api/v1/public/surveys/x/..;/..;/..;/surveys", "/api/v1//surveys", "/api/v1/surveys%2f..%2fpublic"})
    void ambiguousPathsAreRefusedAsProblems(String path) {
        RawHttp.Answer answer = RawHttp.get(RestAssured.port, path,
                "Authorization: Bearer " + TestTokens.admin(WS));
        assertThat(answer.status()).as(path).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.body()).contains("\"field\":\"path\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/q/health", "/q/health/ready", "/q/metrics", "/q/openapi", "/q/swagger-ui/"})
    void managementEndpointsAreNotOnTheApiPort(String path) {
        given().get(path).then().statusCode(404);
    }

    @Test
    void consoleLogNeverShowsAnInvitationToken() {
        try (ConsoleLogCapture console = ConsoleLogCapture.start()) {
            String marker = "edge " + UUID.randomUUID();
            Logger.getLogger("io.quarkus.vertx.http").errorf(new IllegalArgumentException("bad token " + TOKEN),
                    "%s HTTP Request to /api/v1/public/surveys/%s/responses failed", marker, TOKEN);
            assertThat(console.output()).contains(marker).contains("/api/v1/public/surveys/***/responses")
                    .contains("bad token ***").doesNotContain(TOKEN);
        }
    }
}
