package io.effortmap.metrics.support;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

import io.effortmap.metrics.testing.UpstreamStubResource;
import io.effortmap.testsupport.MongoBehindProxyResource;
import io.effortmap.testsupport.StoreProxy;
import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URL;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * metrics-service's MongoDB hangs or goes away while responses keep arriving in survey-service's feed: metric and
 * alert reads answer 503 problem+json with Retry-After within 2 s, readiness turns DOWN within 5 s while liveness
 * stays UP; within 5 s of MongoDB's return readiness is UP, and every response fed meanwhile is counted exactly once.
 */
@QuarkusTest
@WithTestResource(MongoBehindProxyResource.class)
@WithTestResource(TestOidcResource.class)
@WithTestResource(UpstreamStubResource.class)
class StoreOutageTest {

    private static final Duration FAIL_FAST = Duration.ofSeconds(2);
    private static final Duration READINESS_BOUND = Duration.ofSeconds(5);
    /** Waiting for the service before an outage is set-up, not what is measured: a cold start on a busy machine is slow. */
    private static final Duration SETUP = Duration.ofSeconds(60);
    private static final String TODAY = LocalDate.now(ZoneOffset.UTC).toString();

    /** Health is served on the management interface. */
    @TestHTTPResource(value = "health/ready", management = true)
    URL readiness;

    @TestHTTPResource(value = "health/live", management = true)
    URL liveness;

    @ConfigProperty(name = "quarkus.rest-client.survey-feed.url")
    String stub;

    /**
     * A poll caught by the outage can hang on a store call whose completion the driver lost (mongo-java-driver's
     * NettyStream throwing NoSuchElementException for a pipeline torn down under a write, seen in CI): the feed's
     * watchdog abandons such a poll after this, and the next one counts what the lost one did not.
     */
    @ConfigProperty(name = "effortmap.metrics.feed.poll-timeout")
    Duration pollTimeout;

    @AfterEach
    void storeBack() {
        proxy().restore();
        await().atMost(SETUP).untilAsserted(() -> given().get(readiness).then().statusCode(200));
    }

    @Test
    void aHangingStoreFailsReadsFastAndIngestionResumesWithoutLossOrDoubles() {
        outageAndRecovery("tp_stall0000000", () -> proxy().stall());
    }

    @Test
    void aStoreRefusingConnectionsFailsReadsFastAndIngestionResumesWithoutLossOrDoubles() {
        outageAndRecovery("tp_down00000000", () -> proxy().down());
    }

    private void outageAndRecovery(String touchpoint, Runnable outage) {
        await().atMost(SETUP).untilAsserted(() -> given().get(readiness).then().statusCode(200));
        feed(touchpoint, 5);
        awaitCount(touchpoint, 1);

        long outageAt = System.nanoTime();
        outage.run();
        feed(touchpoint, 6);
        feed(touchpoint, 7);

        assertFastUnavailable(() -> metric(touchpoint));
        assertFastUnavailable(() -> given().auth().oauth2(TestTokens.analyst("ws-a")).get("/api/v1/alerts"));

        await().atMost(READINESS_BOUND.minus(Duration.ofNanos(System.nanoTime() - outageAt)))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> given().get(readiness).then().statusCode(503)
                        .body("checks.find { it.name == 'mongodb' }.status", equalTo("DOWN")));
        given().get(liveness).then().statusCode(200).body("status", equalTo("UP"));

        long backAt = System.nanoTime();
        proxy().restore();
        await().atMost(READINESS_BOUND).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> given().get(readiness).then().statusCode(200)
                        .body("checks.name", hasItem("mongodb")));
        assertThat(Duration.ofNanos(System.nanoTime() - backAt)).isLessThan(READINESS_BOUND);
        awaitCount(touchpoint, 3);
        // Stays at 3: polls after the outage re-read pages, and their conditional writes apply nothing twice.
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> true);
        metric(touchpoint).then().statusCode(200).body("figures[0].n", equalTo(3));
    }

    private void awaitCount(String touchpoint, int n) {
        await().atMost(pollTimeout.plusSeconds(15)).until(() ->
                metric(touchpoint).then().extract().path("figures[0].n") instanceof Integer count && count == n);
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

    private static Response metric(String touchpoint) {
        return given().auth().oauth2(TestTokens.analyst("ws-a")).queryParam("metric", "CES")
                .get("/api/v1/metrics/journeys/jr_TestJourney01/touchpoints/" + touchpoint);
    }

    private void feed(String touchpoint, int score) {
        String event = """
                {"id":"%s","workspace":"ws-a","surveyId":"5a000000-0000-4000-8000-000000000001","journeyId":"jr_TestJourney01","touchpointId":"%s","channel":"web",
                 "customerId":"c1","segments":{},"occurredAt":"%sT10:00:00Z","receivedAt":"%sT10:00:01Z","answers":[
                 {"questionKey":"q","kind":"CES","scaleMin":1,"scaleMax":7,"scoring":"CES_AGREEMENT","score":%d}]}
                """.formatted(UUID.randomUUID(), touchpoint, TODAY, TODAY, score);
        given().body(event).post(stub + "/stub/responses").then().statusCode(204);
    }

    private static StoreProxy proxy() {
        return MongoBehindProxyResource.proxy();
    }
}
