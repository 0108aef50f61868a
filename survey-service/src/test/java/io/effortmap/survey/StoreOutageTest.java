package io.effortmap.survey;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

import io.effortmap.survey.testing.Fixtures;
import io.effortmap.survey.testing.JourneyStubResource;
import io.effortmap.testsupport.PostgresBehindProxyResource;
import io.effortmap.testsupport.StoreProxy;
import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL hangs (connections stay open, nothing answers) or goes away (connections refused): bulk pushes,
 * single submissions, reads and respondents' links answer 503 problem+json with Retry-After within 2 s (not 500 "Unexpected failure"),
 * readiness turns DOWN within 5 s while liveness stays UP, and within 5 s of PostgreSQL's return readiness is UP and
 * requests succeed again.
 */
@QuarkusTest
@WithTestResource(PostgresBehindProxyResource.class)
@WithTestResource(TestOidcResource.class)
@WithTestResource(JourneyStubResource.class)
class StoreOutageTest {

    private static final Duration FAIL_FAST = Duration.ofSeconds(2);
    private static final Duration READINESS_BOUND = Duration.ofSeconds(5);
    /** Waiting for the service before an outage is set-up, not what is measured: a cold start on a busy machine is slow. */
    private static final Duration SETUP = Duration.ofSeconds(60);

    /** Health is served on the management interface. */
    @TestHTTPResource(value = "health/ready", management = true)
    URL readiness;

    @TestHTTPResource(value = "health/live", management = true)
    URL liveness;

    private final String ws = "ws-" + UUID.randomUUID();

    @AfterEach
    void databaseBack() {
        proxy().restore();
        Awaitility.await().atMost(SETUP).untilAsserted(() -> given().get(readiness).then().statusCode(200));
    }

    @Test
    void aHangingDatabaseFailsRequestsFastAndReadinessFollowsIt() {
        outageAndRecovery(() -> proxy().stall());
    }

    @Test
    void aDatabaseRefusingConnectionsFailsRequestsFastAndReadinessFollowsIt() {
        outageAndRecovery(() -> proxy().down());
    }

    private void outageAndRecovery(Runnable outage) {
        Awaitility.await().atMost(SETUP).untilAsserted(() -> given().get(readiness).then().statusCode(200));
        String surveyId = Fixtures.activeSurvey(ws);
        bulk(surveyId, "before").then().statusCode(200).body("accepted", equalTo(1));

        long outageAt = System.nanoTime();
        outage.run();

        assertFastUnavailable(() -> bulk(surveyId, "during"));
        assertFastUnavailable(() -> given().auth().oauth2(TestTokens.partner(ws))
                .header("Idempotency-Key", "single-during").contentType(ContentType.JSON)
                .body(Fixtures.responseBody(surveyId, "single")).post("/api/v1/responses"));
        assertFastUnavailable(() -> given().auth().oauth2(TestTokens.analyst(ws)).get("/api/v1/surveys/" + surveyId));
        // Respondents too: the JSON endpoint and the hosted page (a page saying to try again shortly, in HTML).
        assertFastUnavailable(() -> given().get("/api/v1/public/surveys/" + "A".repeat(43)));
        long pageAt = System.nanoTime();
        given().get("/s/" + "A".repeat(43)).then().statusCode(503).contentType(containsString("text/html"))
                .header("Retry-After", matchesPattern("\\d+")).body(containsString("Please try again shortly"));
        assertThat(Duration.ofNanos(System.nanoTime() - pageAt)).isLessThan(FAIL_FAST);

        Awaitility.await().atMost(READINESS_BOUND.minus(Duration.ofNanos(System.nanoTime() - outageAt)))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> given().get(readiness).then().statusCode(503)
                        .body("checks.find { it.name == 'postgresql' }.status", equalTo("DOWN")));
        given().get(liveness).then().statusCode(200).body("status", equalTo("UP"));

        long backAt = System.nanoTime();
        proxy().restore();
        Awaitility.await().atMost(READINESS_BOUND).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> given().get(readiness).then().statusCode(200)
                        .body("checks.name", hasItem("postgresql")));
        assertThat(Duration.ofNanos(System.nanoTime() - backAt)).isLessThan(READINESS_BOUND);
        Awaitility.await().atMost(READINESS_BOUND).untilAsserted(() ->
                bulk(surveyId, "after").then().statusCode(200).body("accepted", equalTo(1)));
        // A retry of the push that failed during the outage is stored once.
        Awaitility.await().atMost(READINESS_BOUND).untilAsserted(() ->
                bulk(surveyId, "during").then().statusCode(200).body("rejected", equalTo(0)));
        bulk(surveyId, "during").then().statusCode(200).body("duplicates", equalTo(1));
    }

    private static void assertFastUnavailable(Supplier<Response> request) {
        long start = System.nanoTime();
        Response response = request.get();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        response.then().statusCode(503).contentType("application/problem+json")
                .body("status", equalTo(503))
                .header("Retry-After", matchesPattern("\\d+"));
        assertThat(took).as("503 after %d ms", took.toMillis()).isLessThan(FAIL_FAST);
    }

    private Response bulk(String surveyId, String externalId) {
        Map<String, Object> item = new java.util.HashMap<>(Fixtures.responseBody(surveyId, "cust-" + externalId));
        item.put("externalId", externalId);
        return given().auth().oauth2(TestTokens.partner(ws)).contentType(ContentType.JSON)
                .body(Map.of("items", List.of(item))).post("/api/v1/responses/bulk");
    }

    private static StoreProxy proxy() {
        return PostgresBehindProxyResource.proxy();
    }
}
