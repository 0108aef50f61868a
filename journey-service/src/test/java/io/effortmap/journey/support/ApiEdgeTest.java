package io.effortmap.journey.support;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.effortmap.testsupport.ConsoleLogCapture;
import io.effortmap.testsupport.MongoResource;
import io.effortmap.testsupport.RawHttp;
import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * journey-service's side of the public edge: nosniff and no-store on every answer, the gateway's path rule, no
 * management endpoint on the API port, no invitation token in its console log.
 */
@QuarkusTest
@WithTestResource(MongoResource.class)
@WithTestResource(TestOidcResource.class)
class ApiEdgeTest {

    private static final String TOKEN = "J7Xv0bM2kP9sT4wY1zC6dF8hJ3nL5rA0eG2iK4mO6uZ";

    @Test
    void everyAnswerForbidsSniffingAndStoring() {
        given().auth().oauth2(TestTokens.admin("ws-edge")).get("/api/v1/journeys").then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff").header("Cache-Control", "no-store");
        given().get("/api/v1/journeys").then().statusCode(401)
                .header("X-Content-Type-Options", "nosniff").header("Cache-Control", "no-store");
        given().auth().oauth2(TestTokens.admin("ws-edge")).get("/api/v1/personas/unknown").then().statusCode(404)
                .header("X-Content-Type-Options", "nosniff").header("Cache-Control", "no-store");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/journeys/x/..", "/api/v1/journeys/%2e%2e/personas", "/api/v1/journeys;x=1",
            "/api/v1//journeys", "/api/v1/customers/a%2f..%2fb/timeline"})
    void ambiguousPathsAreRefusedAsProblems(String path) {
        RawHttp.Answer answer = RawHttp.get(RestAssured.port, path, "Authorization: Bearer " + TestTokens.admin("ws-edge"));
        assertThat(answer.status()).as(path).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/q/health", "/q/health/ready", "/q/metrics", "/q/openapi"})
    void managementEndpointsAreNotOnTheApiPort(String path) {
        given().get(path).then().statusCode(404);
    }

    @Test
    void consoleLogNeverShowsAnInvitationToken() {
        try (ConsoleLogCapture console = ConsoleLogCapture.start()) {
            String marker = "edge " + UUID.randomUUID();
            Logger.getLogger("io.quarkus.rest.client").warnf("%s GET http://survey-service:8080/api/v1/public/surveys/%s",
                    marker, TOKEN);
            assertThat(console.output()).contains(marker).contains("/api/v1/public/surveys/***").doesNotContain(TOKEN);
        }
    }
}
