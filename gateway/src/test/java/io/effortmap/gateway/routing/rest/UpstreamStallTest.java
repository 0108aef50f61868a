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
 * waiting for it are answered 503 once its readiness probes fail (about 2 s), new ones at once, and its routes work
 * again as soon as it answers, instead of everyone waiting for the route's 30 s timeout.
 */
@QuarkusTest
@WithTestResource(TestOidcResource.class)
@WithTestResource(StallableUpstreamResource.class)
class UpstreamStallTest {

    private static final String ADMIN = TestTokens.admin("ws-a");
    /** Two failed probes, 500 ms apart, each given 1 s. */
    private static final Duration DETECTION = Duration.ofSeconds(4);

    @AfterEach
    void upstreamBack() {
        StallableUpstreamResource.resume();
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
        assertThat(Duration.ofNanos(System.nanoTime() - stalledAt)).isLessThan(DETECTION);
        abandoned.then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", "2").body("status", equalTo(503));

        long start = System.nanoTime();
        given().auth().oauth2(ADMIN).get("/api/v1/surveys/new").then().statusCode(503)
                .header("Retry-After", "2").body("detail", containsString("survey is not ready"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));

        StallableUpstreamResource.resume();
        long resumedAt = System.nanoTime();
        Awaitility.await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                given().auth().oauth2(ADMIN).get("/api/v1/surveys/s1").then().statusCode(200));
        assertThat(Duration.ofNanos(System.nanoTime() - resumedAt)).isLessThan(Duration.ofSeconds(3));
    }
}
