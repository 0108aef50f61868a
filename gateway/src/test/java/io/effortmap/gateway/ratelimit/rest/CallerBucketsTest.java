package io.effortmap.gateway.ratelimit.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.effortmap.gateway.routing.rest.EchoUpstreamResource;
import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Whose bucket a request drains: each user of an interactive client has their own, a client-credentials client has
 * one for all its tokens. {@code limited-client} holds 2 requests and refills one every 5 s in the test profile, and
 * each test uses callers of its own.
 */
@QuarkusTest
@WithTestResource(TestOidcResource.class)
@WithTestResource(EchoUpstreamResource.class)
class CallerBucketsTest {

    private static final String CLIENT = "limited-client";

    @Test
    void twoUsersOfTheSameWebClientHaveSeparateBuckets() {
        String ana = TestTokens.user("user-ana", "ws-users", CLIENT, "cx-admin");
        String bob = TestTokens.user("user-bob", "ws-users", CLIENT, "cx-analyst");
        drain(ana);
        given().auth().oauth2(ana).get("/api/v1/journeys/x").then().statusCode(429);
        given().auth().oauth2(bob).get("/api/v1/journeys/x")
                .then().statusCode(200).header("RateLimit-Limit", "2").header("RateLimit-Remaining", "1");
    }

    @Test
    void theSameUserInAnotherWorkspaceHasAnotherBucket() {
        drain(TestTokens.user("user-cid", "ws-one", CLIENT, "cx-admin"));
        given().auth().oauth2(TestTokens.user("user-cid", "ws-two", CLIENT, "cx-admin")).get("/api/v1/journeys/x")
                .then().statusCode(200).header("RateLimit-Remaining", "1");
    }

    /**
     * A client-credentials token's subject is the client's own service account: every token the partner fetches
     * (a new one each few minutes, several replicas of its integration) drains the same bucket.
     */
    @Test
    void everyTokenOfAPartnerClientSharesTheClientsBucket() {
        String first = TestTokens.user("service-account-limited", "ws-partner", CLIENT, "crm-partner");
        String second = TestTokens.user("service-account-limited", "ws-partner", CLIENT, "crm-partner");
        given().auth().oauth2(first).get("/api/v1/journeys/x").then().statusCode(200).header("RateLimit-Remaining", "1");
        given().auth().oauth2(second).get("/api/v1/journeys/x").then().statusCode(200).header("RateLimit-Remaining", "0");
        given().auth().oauth2(first).get("/api/v1/journeys/x").then().statusCode(429);
        // Another partner client keeps its own bucket with the default limit.
        given().auth().oauth2(TestTokens.user("service-account-other", "ws-partner", "crm-other", "crm-partner"))
                .get("/api/v1/journeys/x").then().statusCode(200).header("RateLimit-Limit", "200");
    }

    @Test
    void browsersMayReadTheRateLimitHeaders() {
        given().header("Origin", "http://localhost:3000").auth().oauth2(TestTokens.admin("ws-cors"))
                .get("/api/v1/journeys/x")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:3000")
                .header("Access-Control-Expose-Headers", containsString("RateLimit-Limit"))
                .header("Access-Control-Expose-Headers", containsString("RateLimit-Remaining"))
                .header("Access-Control-Expose-Headers", containsString("RateLimit-Reset"))
                .header("Access-Control-Expose-Headers", containsString("Retry-After"))
                .header("Access-Control-Expose-Headers", containsString("X-Request-Id"))
                .header("Access-Control-Expose-Headers", containsString("ETag"))
                .header("Access-Control-Expose-Headers", containsString("Location"));
    }

    @Test
    void aRefusedBrowserRequestIsReadableToo() {
        String dan = TestTokens.user("user-dan", "ws-users", CLIENT, "cx-admin");
        drain(dan);
        given().header("Origin", "http://localhost:3000").auth().oauth2(dan).get("/api/v1/journeys/x")
                .then().statusCode(429)
                .header("Access-Control-Allow-Origin", "http://localhost:3000")
                .header("Access-Control-Expose-Headers", containsString("Retry-After"));
    }

    @Test
    void preflightAllowsTheHeadersTheApiNeeds() {
        given().header("Origin", "http://localhost:3000")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,if-match,idempotency-key,x-request-id")
                .options("/api/v1/surveys")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:3000")
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", containsString("authorization"))
                .header("Access-Control-Allow-Headers", containsString("idempotency-key"));
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET")
                .options("/api/v1/surveys")
                .then().header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
    }

    private static void drain(String token) {
        given().auth().oauth2(token).get("/api/v1/journeys/x").then().statusCode(200).header("RateLimit-Remaining", "1");
        given().auth().oauth2(token).get("/api/v1/journeys/x").then().statusCode(200).header("RateLimit-Remaining", equalTo("0"));
    }
}
