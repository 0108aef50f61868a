package io.effortmap.survey.logging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.effortmap.survey.testing.Fixtures;
import io.effortmap.survey.testing.JourneyStub;
import io.effortmap.survey.testing.JourneyStubResource;
import io.effortmap.testsupport.PostgresResource;
import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's X-Request-Id and the request's trace id (W3C traceparent, OpenTelemetry) reach the service's log lines
 * through the MDC (common RequestIdFilter; Quarkus OpenTelemetry), also for a line written asynchronously while the
 * request waits on journey-service.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(TestOidcResource.class)
@WithTestResource(JourneyStubResource.class)
class RequestIdLoggingTest {

    /** Logs a warning when the touchpoint lookup fails, during the request. */
    private static final Logger JOURNEY_CLIENT = Logger.getLogger("io.effortmap.survey.journey.client.JourneyClient");

    @Inject
    CircuitBreakerMaintenance circuitBreakers;

    /** The request id each captured warning carried in its MDC. */
    private final List<String> requestIds = new CopyOnWriteArrayList<>();
    /** The trace id each captured warning carried in its MDC. */
    private final List<String> traceIds = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            requestIds.add(String.valueOf(((ExtLogRecord) record).getMdc("requestId")));
            traceIds.add(String.valueOf(((ExtLogRecord) record).getMdc("traceId")));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        JOURNEY_CLIENT.addHandler(capture);
    }

    @AfterEach
    void release() {
        JOURNEY_CLIENT.removeHandler(capture);
        JourneyStub.reset();
        circuitBreakers.resetAll();
    }

    @Test
    void warningDuringTheRequestCarriesTheGatewaysRequestIdAndTheCallersTrace() {
        String touchpoint = Fixtures.uniqueTouchpoint();
        JourneyStub.register("ws-a", Fixtures.JOURNEY, touchpoint);
        JourneyStub.failing();
        String requestId = "survey-log-" + UUID.randomUUID();
        String traceId = "5e1f0a3c2b7d4e6f8091a2b3c4d5e6f7";
        given().auth().oauth2(TestTokens.admin("ws-a")).header("X-Request-Id", requestId)
                .header("traceparent", "00-" + traceId + "-1a2b3c4d5e6f7081-01")
                .contentType(ContentType.JSON).body(Fixtures.surveyBody(touchpoint))
                .when().post("/api/v1/surveys")
                .then().statusCode(503);
        assertThat(requestIds).isNotEmpty().containsOnly(requestId);
        assertThat(traceIds).isNotEmpty().containsOnly(traceId);
    }
}
