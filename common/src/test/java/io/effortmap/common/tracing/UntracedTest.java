package io.effortmap.common.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.Test;

class UntracedTest {

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    /** Sampled like the applications: parent-based, every root trace recorded. */
    private final Tracer tracer = SdkTracerProvider.builder().setSampler(Sampler.parentBased(Sampler.alwaysOn()))
            .addSpanProcessor(SimpleSpanProcessor.create(exported)).build().get("test");

    @Test
    void spansOfBackgroundWorkStartedUntracedAreNeitherRecordedNorExported() {
        String[] inside = new String[1];
        Untraced.run(() -> {
            Span ping = tracer.spanBuilder("ping").startSpan();
            inside[0] = String.valueOf(ping.isRecording());
            ping.end();
        });
        assertThat(inside[0]).isEqualTo("false");
        assertThat(exported.getFinishedSpanItems()).isEmpty();
    }

    @Test
    void workStartedAfterwardsIsTracedAsBefore() {
        Untraced.call(() -> tracer.spanBuilder("ping").startSpan()).end();
        tracer.spanBuilder("request").startSpan().end();
        assertThat(exported.getFinishedSpanItems()).extracting(s -> s.getName()).containsExactly("request");
    }
}
