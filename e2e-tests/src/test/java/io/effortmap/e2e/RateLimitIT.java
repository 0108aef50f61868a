package io.effortmap.e2e;

import static io.effortmap.e2e.RunningStack.LIMITED_CLIENT;
import static io.effortmap.e2e.RunningStack.LIMITED_CLIENT_BURST;
import static io.effortmap.e2e.RunningStack.crmAcme;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The gateway's token buckets in the real stack: {@code crm-globex} is limited to a burst of 3 (RunningStack),
 * every other client keeps the default; respondent endpoints are limited per client IP.
 */
@ExtendWith(RunningStack.class)
class RateLimitIT {

    @Test
    void clientOverItsLimitGets429WithRetryAfterWhileAnotherClientIsUnaffected() {
        String globex = RunningStack.api.clientToken(LIMITED_CLIENT, RunningStack.config.credentials().crmGlobexSecret());
        for (int remaining = LIMITED_CLIENT_BURST - 1; remaining >= 0; remaining--) {
            given().auth().oauth2(globex).get("/api/v1/journeys")
                    .then().statusCode(200)
                    .header("RateLimit-Limit", String.valueOf(LIMITED_CLIENT_BURST))
                    .header("RateLimit-Remaining", String.valueOf(remaining))
                    .header("RateLimit-Reset", matchesPattern("\\d+"));
        }
        Response refused = given().auth().oauth2(globex).get("/api/v1/journeys");
        refused.then().statusCode(429)
                .contentType("application/problem+json")
                .body("status", equalTo(429))
                .header("RateLimit-Limit", String.valueOf(LIMITED_CLIENT_BURST))
                .header("RateLimit-Remaining", "0")
                .header("Retry-After", matchesPattern("\\d+"));
        // One token every 20 s: the client is told to wait for it, not longer.
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 20);

        // The client's bucket, not the token's: a fresh token of the same client is refused too.
        String another = RunningStack.api.clientToken(LIMITED_CLIENT, RunningStack.config.credentials().crmGlobexSecret());
        assertThat(another).isNotEqualTo(globex);
        given().auth().oauth2(another).get("/api/v1/journeys").then().statusCode(429);

        given().auth().oauth2(crmAcme).get("/api/v1/journeys")
                .then().statusCode(200)
                .header("RateLimit-Limit", "200")
                .header("RateLimit-Remaining", not("0"));
    }

    /**
     * Two people using the same front end (one Keycloak client, one workspace) each have a bucket: one of them
     * exhausting theirs does not stop the other. {@code e2e-web} has a burst of 3 in the test stack.
     */
    @Test
    void usersOfTheSameFrontEndHaveABucketEach() {
        KeycloakAdmin.createUserClient(RunningStack.LIMITED_WEB_CLIENT);
        String alice = KeycloakAdmin.userToken(RunningStack.LIMITED_WEB_CLIENT, "alice");
        String adam = KeycloakAdmin.userToken(RunningStack.LIMITED_WEB_CLIENT, "adam");
        assertThat(Jwts.payload(alice).get("workspace").asText()).isEqualTo(Jwts.payload(adam).get("workspace").asText());
        for (int remaining = LIMITED_CLIENT_BURST - 1; remaining >= 0; remaining--) {
            given().auth().oauth2(alice).get("/api/v1/journeys").then().statusCode(200)
                    .header("RateLimit-Remaining", String.valueOf(remaining));
        }
        given().auth().oauth2(alice).get("/api/v1/journeys").then().statusCode(429);
        given().auth().oauth2(adam).get("/api/v1/journeys").then().statusCode(200)
                .header("RateLimit-Limit", String.valueOf(LIMITED_CLIENT_BURST))
                .header("RateLimit-Remaining", String.valueOf(LIMITED_CLIENT_BURST - 1));
    }

    /** A browser front end can read the rate-limit state (CORS), on success and on refusal. */
    @Test
    void browsersMayReadTheRateLimitHeaders() {
        given().header("Origin", "http://localhost:5173").header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .options("/api/v1/journeys")
                .then().statusCode(200).header("Access-Control-Allow-Origin", "http://localhost:5173");
        Response answer = given().header("Origin", "http://localhost:5173").auth().oauth2(crmAcme).get("/api/v1/journeys");
        answer.then().statusCode(200).header("Access-Control-Allow-Origin", "http://localhost:5173");
        assertThat(answer.header("Access-Control-Expose-Headers").split("\\s*,\\s*"))
                .contains("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "Retry-After", "X-Request-Id",
                        "ETag", "Location");
    }

    /**
     * Burst 20, then 2 per second per IP: a respondent hammering the endpoint is stopped within a few more requests
     * (refills while it runs), another respondent behind the same proxy is not. The invitation token is unknown, so
     * survey-service answers 4xx and nothing is created.
     */
    @Test
    void respondentEndpointsAreLimitedPerClientIp() {
        Response last = null;
        int sent = 0;
        // Enough for a slow machine: the bucket drains as long as requests come faster than 2 per second.
        while (sent < 100) {
            last = given().header("X-Forwarded-For", "203.0.113.50").get("/api/v1/public/surveys/e2e-unknown-token");
            sent++;
            if (last.statusCode() == 429) {
                break;
            }
            assertThat(last.statusCode()).as("answer %d before the limit", sent).isBetween(400, 499);
            assertThat(last.header("RateLimit-Limit")).isEqualTo("20");
        }
        assertThat(last.statusCode()).as("after %d requests from one IP", sent).isEqualTo(429);
        assertThat(sent).isGreaterThan(20);
        last.then().contentType("application/problem+json").header("Retry-After", matchesPattern("\\d+"))
                .header("RateLimit-Remaining", "0");

        given().header("X-Forwarded-For", "203.0.113.51").get("/api/v1/public/surveys/e2e-unknown-token")
                .then().statusCode(not(429)).header("RateLimit-Remaining", not(nullValue()));
    }
}
