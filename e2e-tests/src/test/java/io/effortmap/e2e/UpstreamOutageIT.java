package io.effortmap.e2e;

import static io.effortmap.e2e.RunningStack.adam;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.restassured.response.Response;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One service of the real stack goes down: its routes answer 503 problem+json with Retry-After at once (no waiting
 * for the route's 15 s deadline), the other services' routes keep working, and the route recovers by itself once the
 * service is back. metrics-service is the one stopped because no other service calls it; it is restarted and ready
 * again before the test ends, so the classes that run afterwards see the whole stack.
 */
@ExtendWith(RunningStack.class)
class UpstreamOutageIT {

    private static final String METRICS = "/api/v1/metrics/journeys/unknown-journey/touchpoints/unknown-touchpoint?metric=CES";
    private static final String JOURNEYS = "/api/v1/journeys";
    /** metrics' route deadline in the gateway (application.properties); failing fast means well under it. */
    private static final Duration ROUTE_TIMEOUT = Duration.ofSeconds(15);
    /** The gateway's breaker probes again after 10 s; the service itself needs a moment after its health check. */
    private static final Duration RECOVERY = Duration.ofSeconds(60);

    @Test
    void stoppedServiceAnswers503FastOtherRoutesWorkAndTheRouteRecovers() throws InterruptedException {
        int healthy = call(METRICS).statusCode();
        assertThat(healthy).as("metrics answer for unknown ids while up").isBetween(400, 499);

        RunningStack.platform.stopService("metrics-service");
        try {
            long start = System.nanoTime();
            Response down = call(METRICS);
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            down.then().statusCode(503)
                    .contentType("application/problem+json")
                    .body("status", equalTo(503))
                    .body("detail", containsString("metrics"))
                    .header("Retry-After", matchesPattern("\\d+"));
            assertThat(tookMillis).as("503 after %d ms", tookMillis).isLessThan(ROUTE_TIMEOUT.toMillis() / 3);

            given().auth().oauth2(adam).get(JOURNEYS).then().statusCode(200);

            // Then the gateway does not even try the service: consecutive failures open its breaker, or (the local
            // platform probes the services' readiness, GATEWAY_PROBE_READINESS) failed probes took the service out
            // first, whichever comes first (the breaker itself is covered by the gateway's own tests).
            Response open = null;
            for (int i = 0; i < 10; i++) {
                open = call(METRICS);
                assertThat(open.statusCode()).isEqualTo(503);
                if (notTried(open.jsonPath().getString("detail"))) {
                    break;
                }
            }
            assertThat(notTried(open.jsonPath().getString("detail"))).as(open.asString()).isTrue();
            open.then().header("Retry-After", matchesPattern("\\d+"));
            given().auth().oauth2(adam).get(JOURNEYS).then().statusCode(200);
        } finally {
            RunningStack.platform.startService("metrics-service");
        }

        long deadline = System.nanoTime() + RECOVERY.toNanos();
        int status = call(METRICS).statusCode();
        while (status != healthy && System.nanoTime() < deadline) {
            Thread.sleep(500);
            status = call(METRICS).statusCode();
        }
        assertThat(status).as("metrics route after the restart").isEqualTo(healthy);
    }

    private static Response call(String path) {
        return given().auth().oauth2(adam).get(path);
    }

    /** A 503 the gateway answered without trying the service: its breaker is open or its readiness probes failed. */
    private static boolean notTried(String detail) {
        return detail.contains("circuit open") || detail.contains("is not ready");
    }
}
