package io.effortmap.gateway.console.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.effortmap.gateway.routing.rest.EchoUpstreamResource;
import io.effortmap.testsupport.TestOidcResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Pages and assets of the browser console reach the console upstream; the API and the gateway's own paths do not. */
@QuarkusTest
@WithTestResource(TestOidcResource.class)
@WithTestResource(EchoUpstreamResource.class)
@WithTestResource(ConsoleUpstreamResource.class)
class ConsoleRouteTest {

    @Test
    void appPathsAndAssetsAreServedByTheConsoleWithoutAToken() {
        given().get("/journeys/jr_1/touchpoints/tp_2?metric=CSAT")
                .then().statusCode(200)
                .header("Content-Security-Policy", "default-src 'self'")
                .header("X-Request-Id", notNullValue())
                .body(equalTo("console GET /journeys/jr_1/touchpoints/tp_2?metric=CSAT authorization=null cookie=null accept=*/*"));
        given().get("/").then().statusCode(200).body(startsWith("console GET / "));
        given().get("/static/bundle/app-ABC.js").then().statusCode(200).body(startsWith("console GET /static/bundle/app-ABC.js "));
        given().head("/journeys").then().statusCode(200);
    }

    @Test
    void credentialsAreNotPassedToTheConsole() {
        given().auth().oauth2("some-token").cookie("session", "secret").get("/journeys")
                .then().statusCode(200).body(startsWith("console GET /journeys authorization=null cookie=null"));
    }

    @Test
    void apiGatewayAndRespondentPathsNeverReachTheConsole() {
        given().get("/api/v1/nothing-here").then().statusCode(404).body(not(startsWith("console")));
        given().get("/api/v2/journeys").then().body(not(startsWith("console")));
        given().get("/q/swagger-ui/").then().body(not(startsWith("console")));
        given().get("/openapi/survey").then().body(not(startsWith("console")));
        // A respondent's survey page is not the console's, whoever serves it.
        given().get("/s/abcdefghijklmnopqrstuvwxyz012345").then().body(not(startsWith("console")));
    }

    @Test
    void apiPathsInAnotherLetterCaseAreNotFoundRatherThanTheConsole() {
        given().get("/API/v1/public/surveys/abcdefghijklmnopqrstuvwxyz012345").then().statusCode(404).body(not(startsWith("console")));
        given().get("/Api").then().statusCode(404).body(not(startsWith("console")));
        given().get("/OpenAPI").then().body(not(startsWith("console")));
        given().get("/Q/health").then().body(not(startsWith("console")));
        given().get("/S/abcdefghijklmnopqrstuvwxyz012345").then().body(not(startsWith("console")));
    }

    @Test
    void writesToConsolePathsAreRefused() {
        given().contentType("application/json").body("{}").post("/journeys")
                .then().statusCode(405).header("Allow", "GET, HEAD")
                .contentType("application/problem+json").body("status", equalTo(405));
    }
}
