package io.effortmap.gateway.routing.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A service that hangs (a stopped process keeps its connections open and answers nothing): the requests already
 * waiting for it are answered 503 within 2 s of being sent (once they have waited 1.5 s and the service has missed two
 * probes), new ones at once when its readiness probes have failed, and its routes work again as soon as it answers,
 * instead of everyone waiting for the route's 30 s timeout.
 */
@QuarkusTest
@WithTestResource(TestOidcResource.class)
@WithTestResource(StallableUpstreamResource.class)
class UpstreamStallTest {

    private static final String ADMIN = TestTokens.admin("ws-a");
    /** The bound for a failed request. */
    private static final Duration FAIL_FAST = Duration.ofSeconds(2);
    /** Two failed probes, 500 ms apart, each given 1 s. */
    private static final Duration DETECTION = Duration.ofSeconds(4);

    @AfterEach
    void upstreamBack() {
        StallableUpstreamResource.resume();
    }

    @Test
    void aRequestWaitingWhenTheServiceStallsIsAnsweredWithin2sOfBeingSent() throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(ADMIN).get("/api/v1/surveys/s1").then().statusCode(200));

        long sent = System.nanoTime();
        CompletableFuture<Response> waiting = CompletableFuture.supplyAsync(() ->
                given().auth().oauth2(ADMIN).get("/api/v1/surveys/slow"));
        // The service still answers its probes for half a second, then stops: declared DOWN only 1.5-2 s later.
        Awaitility.await().pollDelay(Duration.ofMillis(500)).until(() -> true);
        StallableUpstreamResource.stall();
        Response abandoned = waiting.get(DETECTION.toSeconds() + 2, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(FAIL_FAST);
        abandoned.then().statusCode(503).header("Retry-After", "2")
                .body("detail", containsString("survey stopped answering"));
    }

    @Test
    void requestsToAHangingServiceFailFastWith503AndTheRouteRecoversOnItsOwn() throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(ADMIN).get("/api/v1/surveys/s1").then().statusCode(200));

        StallableUpstreamResource.stall();
        long stalledAt = System.nanoTime();
        CompletableFuture<Response> waiting = CompletableFuture.supplyAsync(() ->
                given().auth().oauth2(ADMIN).get("/api/v1/surveys/waiting"));
        Response abandoned = waiting.get(DETECTION.toSeconds() + 2, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - stalledAt)).isLessThan(FAIL_FAST);
        abandoned.then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", "2").body("status", equalTo(503))
                .body("detail", containsString("survey stopped answering"));

        // Once its probes have failed, new requests are not even tried.
        Awaitility.await().atMost(DETECTION).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            long start = System.nanoTime();
            given().auth().oauth2(ADMIN).get("/api/v1/surveys/new").then().statusCode(503)
                    .header("Retry-After", "2").body("detail", containsString("survey is not ready"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        });

        StallableUpstreamResource.resume();
        long resumedAt = System.nanoTime();
        Awaitility.await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                given().auth().oauth2(ADMIN).get("/api/v1/surveys/s1").then().statusCode(200));
        assertThat(Duration.ofNanos(System.nanoTime() - resumedAt)).isLessThan(Duration.ofSeconds(3));
    }
}
