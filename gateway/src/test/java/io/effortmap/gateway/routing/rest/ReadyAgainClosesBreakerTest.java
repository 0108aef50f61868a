package io.effortmap.gateway.routing.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A service whose hang opened its circuit breaker (here on the first failed exchange, open for a minute) is served
 * again as soon as its readiness probe succeeds: the probe closes the breaker instead of leaving the routes failing
 * until the breaker's next trial request.
 */
@QuarkusTest
@WithTestResource(TestOidcResource.class)
@WithTestResource(TightBreakerStallableUpstreamResource.class)
class ReadyAgainClosesBreakerTest {

    private static final String ADMIN = TestTokens.admin("ws-a");
    private static final String BREAKER = "gateway-survey";

    @AfterEach
    void upstreamBack() {
        StallableUpstreamResource.resume();
    }

    @Test
    void aServiceReadyAgainIsServedAtOnceThoughItsHangOpenedTheBreaker() throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(ADMIN).get("/api/v1/surveys/s1").then().statusCode(200));

        StallableUpstreamResource.stall();
        CompletableFuture.supplyAsync(() -> given().auth().oauth2(ADMIN).get("/api/v1/surveys/waiting"))
                .get(10, TimeUnit.SECONDS).then().statusCode(503);
        // The abandoned exchange is the breaker's failure: the hang opened it.
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(CircuitBreakerMaintenance.get().currentState(BREAKER)).isEqualTo(CircuitBreakerState.OPEN));

        StallableUpstreamResource.resume();
        Awaitility.await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                given().auth().oauth2(ADMIN).get("/api/v1/surveys/s1").then().statusCode(200));
        assertThat(CircuitBreakerMaintenance.get().currentState(BREAKER)).isEqualTo(CircuitBreakerState.CLOSED);
    }
}
