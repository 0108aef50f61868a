package io.effortmap.journey.support;

import static io.effortmap.journey.support.TestData.bearer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

import io.effortmap.testsupport.MongoBehindProxyResource;
import io.effortmap.testsupport.StoreProxy;
import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * MongoDB hangs (connections stay open, nothing answers) or goes away (connections refused): writes and reads answer
 * 503 problem+json with Retry-After within 2 s, readiness turns DOWN within 5 s while liveness stays UP, and within
 * 5 s of MongoDB's return readiness is UP and requests succeed again.
 */
@QuarkusTest
@WithTestResource(MongoBehindProxyResource.class)
@WithTestResource(TestOidcResource.class)
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

    private final String ws = TestData.workspace();

    @AfterEach
    void storeBack() {
        proxy().restore();
        Awaitility.await().atMost(SETUP).untilAsserted(() -> given().get(readiness).then().statusCode(200));
    }

    @Test
    void aHangingStoreFailsRequestsFastAndReadinessFollowsIt() {
        outageAndRecovery(() -> proxy().stall());
    }

    @Test
    void aStoreRefusingConnectionsFailsRequestsFastAndReadinessFollowsIt() {
        outageAndRecovery(() -> proxy().down());
    }

    private void outageAndRecovery(Runnable outage) {
        Awaitility.await().atMost(SETUP).untilAsserted(() -> given().get(readiness).then().statusCode(200));
        JsonPath journey = TestData.createJourney(ws, TestTokens.admin(ws));
        String journeyId = journey.getString("id");
        String touchpointId = journey.getString("stages[0].touchpoints[0].id");
        push("before", journeyId, touchpointId).then().statusCode(200);

        long outageAt = System.nanoTime();
        outage.run();

        assertFastUnavailable(() -> push("during", journeyId, touchpointId));
        assertFastUnavailable(() -> given().header("Authorization", bearer(TestTokens.analyst(ws))).get("/api/v1/journeys"));

        Awaitility.await().atMost(READINESS_BOUND.minus(Duration.ofNanos(System.nanoTime() - outageAt)))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> given().get(readiness).then().statusCode(503)
                        .body("checks.find { it.name == 'mongodb' }.status", equalTo("DOWN")));
        given().get(liveness).then().statusCode(200).body("status", equalTo("UP"));

        long backAt = System.nanoTime();
        proxy().restore();
        Awaitility.await().atMost(READINESS_BOUND).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> given().get(readiness).then().statusCode(200)
                        .body("checks.name", hasItem("mongodb")));
        assertThat(Duration.ofNanos(System.nanoTime() - backAt)).isLessThan(READINESS_BOUND);
        Awaitility.await().atMost(READINESS_BOUND).untilAsserted(() ->
                push("after", journeyId, touchpointId).then().statusCode(200));
        // What was acknowledged before the outage is still there, once.
        given().header("Authorization", bearer(TestTokens.analyst(ws)))
                .get("/api/v1/customers/cust-before/timeline")
                .then().statusCode(200).body("items.size()", equalTo(1));
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

    private Response push(String externalId, String journeyId, String touchpointId) {
        return given().header("Authorization", bearer(TestTokens.partner(ws))).contentType(ContentType.JSON)
                .body(List.of(TestData.interaction(externalId, journeyId, touchpointId)))
                .post("/api/v1/interactions");
    }

    private static StoreProxy proxy() {
        return MongoBehindProxyResource.proxy();
    }
}
