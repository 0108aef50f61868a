package io.effortmap.common.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

class BackgroundStoreCallSamplerTest {

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();

    private Tracer tracer(String sampler, double ratio) {
        return SdkTracerProvider.builder().setSampler(new BackgroundStoreCallSampler(sampler, ratio))
                .addSpanProcessor(SimpleSpanProcessor.create(exported)).build().get("test");
    }

    @Test
    void storeCallsOutsideAnyTraceAreNotExported() {
        Tracer tracer = tracer("parentbased_always_on", 1.0);
        tracer.spanBuilder("ping").setSpanKind(SpanKind.CLIENT)
                .setAttribute("mongodb.command", "{\"ping\": 1}").startSpan().end();
        tracer.spanBuilder("SELECT").setSpanKind(SpanKind.CLIENT).setAttribute("db.system", "postgresql")
                .startSpan().end();
        assertThat(exported.getFinishedSpanItems()).isEmpty();
    }

    @Test
    void storeCallsWithinARequestStayInItsTrace() {
        Tracer tracer = tracer("parentbased_always_on", 1.0);
        Span request = tracer.spanBuilder("POST /api/v1/interactions").setSpanKind(SpanKind.SERVER).startSpan();
        try (Scope ignored = request.makeCurrent()) {
            tracer.spanBuilder("insert").setSpanKind(SpanKind.CLIENT)
                    .setAttribute("mongodb.command", "{\"insert\": \"interactions\"}").startSpan().end();
        }
        request.end();
        assertThat(exported.getFinishedSpanItems()).extracting(SpanData::getName)
                .containsExactly("insert", "POST /api/v1/interactions");
        assertThat(exported.getFinishedSpanItems().get(0).getParentSpanId()).isEqualTo(request.getSpanContext().getSpanId());
    }

    @Test
    void otherRootSpansFollowTheConfiguredSampler() {
        tracer("parentbased_always_on", 1.0).spanBuilder("GET /feed").setSpanKind(SpanKind.CLIENT).startSpan().end();
        tracer("parentbased_always_on", 1.0).spanBuilder("poll responses").startSpan().end();
        assertThat(exported.getFinishedSpanItems()).hasSize(2);
        tracer("parentbased_traceidratio", 0.0).spanBuilder("GET /x").setSpanKind(SpanKind.SERVER).startSpan().end();
        assertThat(exported.getFinishedSpanItems()).hasSize(2);
    }

    @Test
    void anUnknownSamplerNameIsRefusedAtStart() {
        assertThatThrownBy(() -> BackgroundStoreCallSampler.configured("sometimes", 1.0))
                .hasMessageContaining("quarkus.otel.traces.sampler");
    }
}
