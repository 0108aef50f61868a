package io.effortmap.gateway.routing.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.Test;

/**
 * What every answer of the public entry carries and hides: nosniff and no-store on relayed and own answers, Location
 * as a public (relative) reference, and no management endpoint on the public port.
 */
@QuarkusTest
@WithTestResource(TestOidcResource.class)
@WithTestResource(EchoUpstreamResource.class)
class ResponseHeadersTest {

    private static final String ADMIN = TestTokens.admin("ws-a");

    @TestHTTPResource(value = "health/ready", management = true)
    URL managementHealth;

    @TestHTTPResource(value = "metrics", management = true)
    URL managementMetrics;

    @Test
    void relayedAnswerGetsNosniffAndNoStoreEvenWhenTheServiceSentNone() {
        given().auth().oauth2(ADMIN).get("/api/v1/journeys/x")
                .then().statusCode(200).header("X-Upstream", "echo")
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-store");
    }

    @Test
    void gatewaysOwnProblemsCarryThemToo() {
        given().get("/api/v1/surveys").then().statusCode(401)
                .header("X-Content-Type-Options", "nosniff").header("Cache-Control", "no-store");
        given().auth().oauth2(ADMIN).get("/api/v1/nothing-here").then().statusCode(404)
                .header("X-Content-Type-Options", "nosniff").header("Cache-Control", "no-store");
        given().auth().oauth2(ADMIN).get("/api/v1/metrics/anything").then().statusCode(503)
                .header("X-Content-Type-Options", "nosniff").header("Cache-Control", "no-store");
        given().auth().oauth2(ADMIN).contentType("text/plain").body("x").post("/api/v1/surveys").then().statusCode(415)
                .header("X-Content-Type-Options", "nosniff").header("Cache-Control", "no-store");
    }

    @Test
    void absoluteLocationNamingTheServiceBecomesARelativeReference() {
        given().auth().oauth2(ADMIN).contentType("application/json").body("{}").post("/api/v1/surveys/created")
                .then().statusCode(201)
                .header("Location", equalTo("/api/v1/surveys/new-id"));
    }

    @Test
    void managementEndpointsAreNotOnThePublicPort() {
        given().get("/q/health").then().statusCode(404);
        given().get("/q/health/ready").then().statusCode(404);
        given().get("/q/metrics").then().statusCode(404);
        given().get(managementHealth.toString()).then().statusCode(200).body("status", equalTo("UP"));
        given().get(managementMetrics.toString()).then().statusCode(200);
    }

    @Test
    void publicApiDocumentsStayOnThePublicPort() {
        given().get("/openapi").then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .body("paths", org.hamcrest.Matchers.anEmptyMap());
        given().get("/openapi/journey").then().statusCode(200).body("uri", equalTo("/q/openapi?format=json"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
