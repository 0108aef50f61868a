package io.effortmap.gateway.routing.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.effortmap.testsupport.ConsoleLogCapture;
import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A caller that hangs up in the middle of its upload: the gateway drops its exchange with the service at once (it held
 * the pooled connection until the route's timeout), and that failure is not the service's: its circuit breaker (here
 * opened by a single failure) does not count it, or one workspace's broken uploads would make every workspace's
 * requests to that service fail.
 */
@QuarkusTest
@WithTestResource(TestOidcResource.class)
@WithTestResource(TightBreakerStallableUpstreamResource.class)
class CallerAbortTest {

    private static final String BREAKER = "gateway-survey";

    @TestHTTPResource("/")
    URL gateway;

    @Test
    void aCallerHangingUpMidUploadDoesNotOpenTheServicesBreakerForOthers() throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(TestTokens.admin("ws-b")).get("/api/v1/surveys/s1").then().statusCode(200));

        try (ConsoleLogCapture console = ConsoleLogCapture.start()) {
            int dropped = StallableUpstreamResource.droppedBodies();
            for (int i = 0; i < 3; i++) {
                try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
                    OutputStream out = socket.getOutputStream();
                    out.write(("POST /api/v1/responses/bulk HTTP/1.1\r\nHost: localhost\r\n"
                            + "Authorization: Bearer " + TestTokens.partner("ws-a") + "\r\n"
                            + "X-Request-Id: aborted-" + i + "\r\n"
                            + "Content-Type: application/x-ndjson\r\nContent-Length: 1000000\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write("{\"externalId\":\"e1\"}\n".repeat(2000).getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    // Long enough for the gateway to be relaying the body to the service, then gone mid-body.
                    Awaitility.await().pollDelay(Duration.ofMillis(300)).until(() -> true);
                    socket.setSoLinger(true, 0);
                }
            }

            // The exchanges are dropped at once (not held until the route's timeout), and not counted against the
            // service.
            Awaitility.await().atMost(Duration.ofSeconds(3)).untilAsserted(() ->
                    assertThat(StallableUpstreamResource.droppedBodies()).isEqualTo(dropped + 3));
            Awaitility.await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).untilAsserted(() ->
                    assertThat(CircuitBreakerMaintenance.get().currentState(BREAKER))
                            .isEqualTo(CircuitBreakerState.CLOSED));
            given().auth().oauth2(TestTokens.admin("ws-b")).get("/api/v1/surveys/s1").then().statusCode(200);

            // Logged as the caller's doing (nginx's "client closed request"), not as an answer the caller never got.
            Awaitility.await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(console.output().lines())
                    .filteredOn(line -> line.contains("request-id=aborted-"))
                    .hasSize(3).allMatch(line -> line.contains("[io.ef.ga.access] ")
                            && line.contains(" POST /api/v1/responses/bulk 499 ")));
        }
    }
}
