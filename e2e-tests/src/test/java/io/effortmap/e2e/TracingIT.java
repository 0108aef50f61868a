package io.effortmap.e2e;

import static io.effortmap.e2e.RunningStack.alice;
import static io.effortmap.e2e.RunningStack.traces;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.effortmap.e2e.TraceReceiver.ReceivedSpan;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One trace across the platform (OpenTelemetry, W3C traceparent), as exported by every application to an OTLP
 * receiver: a survey creation goes caller -> gateway -> survey-service -> journey-service (the touchpoint check) in
 * one trace, each hop the child of the one before, with the services' database calls in it; and a metrics-service feed
 * poll is a trace that continues in the service serving the feed.
 */
@ExtendWith(RunningStack.class)
class TracingIT {

    private static final Duration EXPORTED = Duration.ofSeconds(30);

    @Test
    void aSurveyCreationIsOneTraceFromTheGatewayThroughSurveyServiceToJourneyService() {
        var journey = given().auth().oauth2(alice).contentType(ContentType.JSON)
                .body(Map.of("name", "Traced journey", "stages", List.of(Map.of("name", "Purchase",
                        "touchpoints", List.of(Map.of("name", "Checkout", "channel", "web"))))))
                .post("/api/v1/journeys")
                .then().statusCode(201).extract().jsonPath();
        String traceId = randomHex(16);
        String callerSpan = randomHex(8);

        String requestId = given().auth().oauth2(alice).contentType(ContentType.JSON)
                .header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                .body(Map.of("name", "Traced survey", "journeyId", journey.getString("id"),
                        "touchpointId", journey.getString("stages[0].touchpoints[0].id"),
                        "questions", List.of(Map.of("key", "ces", "kind", "CES"))))
                .post("/api/v1/surveys")
                .then().statusCode(201).extract().header("X-Request-Id");

        await().atMost(EXPORTED).untilAsserted(() -> {
            List<ReceivedSpan> trace = traces.spansOf(traceId);
            ReceivedSpan gateway = one(trace, "gateway", "SERVER");
            assertThat(gateway.parentSpanId()).as("the gateway joins the caller's trace").isEqualTo(callerSpan);
            assertThat(gateway.attributes()).containsEntry("effortmap.request_id", requestId);

            ReceivedSpan survey = one(trace, "survey-service", "SERVER");
            assertThat(survey.parentSpanId()).as("survey-service is called under the gateway's span").isEqualTo(gateway.spanId());

            ReceivedSpan journeyCheck = one(trace, "journey-service", "SERVER");
            ReceivedSpan call = parentOf(trace, journeyCheck).orElseThrow(() -> new AssertionError(
                    "journey-service's span has no parent in the trace: " + trace));
            assertThat(call.service()).isEqualTo("survey-service");
            assertThat(call.kind()).isEqualTo("CLIENT");
            assertThat(ancestors(trace, call)).as("the touchpoint check belongs to the survey creation").contains(survey);

            assertThat(trace).as("survey-service's PostgreSQL statements are in the trace").anySatisfy(span -> {
                assertThat(span.service()).isEqualTo("survey-service");
                assertThat(span.attributes()).containsKey("db.system");
            });
            assertThat(trace).as("journey-service's MongoDB commands are in the trace, without their data").anySatisfy(span -> {
                assertThat(span.service()).isEqualTo("journey-service");
                assertThat(span.kind()).isEqualTo("CLIENT");
                assertThat(span.attributes().get("mongodb.command")).matches("\\{\"find\": \"journeys\"}");
            });
        });
    }

    @Test
    void aFeedPollOfMetricsServiceContinuesInTheServiceServingTheFeed() {
        await().atMost(EXPORTED).untilAsserted(() -> {
            List<ReceivedSpan> all = traces.all();
            assertThat(all).as("a response-feed poll whose request survey-service served in the same trace")
                    .anySatisfy(poll -> {
                        assertThat(poll.service()).isEqualTo("metrics-service");
                        assertThat(poll.name()).isEqualTo("poll survey-responses");
                        assertThat(poll.parentSpanId()).isEmpty();
                        List<ReceivedSpan> trace = traces.spansOf(poll.traceId());
                        assertThat(trace).anySatisfy(served -> {
                            assertThat(served.service()).isEqualTo("survey-service");
                            assertThat(served.kind()).isEqualTo("SERVER");
                            assertThat(ancestors(trace, served)).contains(poll);
                        });
                    });
        });
    }

    /**
     * The stores' readiness pings (two a second per service) and metrics-service's lease renewals and progress reads
     * are not exported: each would otherwise be a trace of its own at the collector. Store calls are only exported
     * within a trace (a request's, a feed poll's).
     */
    @Test
    void backgroundStoreCallsAreNotExportedAsTraces() {
        // Mongo spans of both services have reached the receiver: so would the pings, made since each started.
        await().atMost(EXPORTED).untilAsserted(() -> assertThat(traces.all())
                .anySatisfy(span -> assertMongoSpanOf(span, "journey-service"))
                .anySatisfy(span -> assertMongoSpanOf(span, "metrics-service")));
        assertThat(traces.all()).as("readiness pings of the stores")
                .noneMatch(span -> span.name().equals("ping") && span.attributes().containsKey("mongodb.command"));
        assertThat(traces.all()).as("store calls that are a trace of their own")
                .noneMatch(span -> span.parentSpanId().isEmpty() && (span.attributes().containsKey("mongodb.command")
                        || span.attributes().containsKey("db.system") || span.attributes().containsKey("db.system.name")));
    }

    private static void assertMongoSpanOf(ReceivedSpan span, String service) {
        assertThat(span.service()).isEqualTo(service);
        assertThat(span.attributes()).containsKey("mongodb.command");
    }

    private static ReceivedSpan one(List<ReceivedSpan> trace, String service, String kind) {
        List<ReceivedSpan> found = trace.stream().filter(s -> s.service().equals(service) && s.kind().equals(kind)).toList();
        assertThat(found).as("%s %s spans in %s", service, kind, trace).hasSize(1);
        return found.get(0);
    }

    private static Optional<ReceivedSpan> parentOf(List<ReceivedSpan> trace, ReceivedSpan span) {
        return trace.stream().filter(s -> s.spanId().equals(span.parentSpanId())).findFirst();
    }

    private static List<ReceivedSpan> ancestors(List<ReceivedSpan> trace, ReceivedSpan span) {
        List<ReceivedSpan> chain = new java.util.ArrayList<>();
        for (Optional<ReceivedSpan> parent = parentOf(trace, span); parent.isPresent() && chain.size() < 50;
                parent = parentOf(trace, parent.get())) {
            chain.add(parent.get());
        }
        return chain;
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1;
        return HexFormat.of().formatHex(random);
    }
}
