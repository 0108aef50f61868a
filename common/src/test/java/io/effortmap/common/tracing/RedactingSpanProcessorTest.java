package io.effortmap.common.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

class RedactingSpanProcessorTest {

    private static final String TOKEN = "q7Xv0bM2kP9sT4wY1zC6dF8hJ3nL5rA0eG2iK4mO6uQ";

    @Test
    void invitationTokensNeverReachAnExportedSpan() {
        InMemorySpanExporter exported = InMemorySpanExporter.create();
        SdkTracerProvider tracer = tracer(exported);
        tracer.get("test").spanBuilder("POST /api/v1/public/surveys/{token}/responses")
                .setAttribute("url.path", "/api/v1/public/surveys/" + TOKEN + "/responses")
                .setAttribute("url.query", "invitation=" + TOKEN)
                .setAttribute("url.full", "http://survey-service:8080/s/" + TOKEN)
                .setAttribute("http.request.method", "POST")
                .startSpan().end();
        SpanData span = exported.getFinishedSpanItems().get(0);
        assertThat(span.getAttributes().asMap().values().toString()).doesNotContain(TOKEN);
        assertThat(span.getAttributes().get(AttributeKey.stringKey("url.path"))).isEqualTo("/api/v1/public/surveys/***/responses");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("http.request.method"))).isEqualTo("POST");
    }

    @Test
    void ordinaryPathsAreLeftAlone() {
        InMemorySpanExporter exported = InMemorySpanExporter.create();
        SdkTracerProvider tracer = tracer(exported);
        tracer.get("test").spanBuilder("GET").setAttribute("url.path", "/api/v1/surveys/42").startSpan().end();
        assertThat(exported.getFinishedSpanItems().get(0).getAttributes().get(AttributeKey.stringKey("url.path")))
                .isEqualTo("/api/v1/surveys/42");
    }

    @Test
    void mongoCommandsKeepTheirNameAndCollectionButNoData() {
        InMemorySpanExporter exported = InMemorySpanExporter.create();
        SdkTracerProvider tracer = tracer(exported);
        tracer.get("test").spanBuilder("insert").setAttribute("mongodb.command",
                "{\"insert\": \"interactions\", \"ordered\": true, \"documents\": [{\"customerEmail\": \"ana@example.com\"}]}")
                .startSpan().end();
        assertThat(exported.getFinishedSpanItems().get(0).getAttributes().get(AttributeKey.stringKey("mongodb.command")))
                .isEqualTo("{\"insert\": \"interactions\"}");
    }

    /** Left open: shutting it down would clear the in-memory exporter. */
    private static SdkTracerProvider tracer(InMemorySpanExporter exported) {
        return SdkTracerProvider.builder().addSpanProcessor(new RedactingSpanProcessor())
                .addSpanProcessor(SimpleSpanProcessor.create(exported)).build();
    }
}
