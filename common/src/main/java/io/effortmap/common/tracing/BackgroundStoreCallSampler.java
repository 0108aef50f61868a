package io.effortmap.common.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A store call made outside any trace (a readiness ping several times a second, a lease renewal or a progress read
 * between feed polls) is not recorded: each would be a trace of its own at the collector, drowning the requests'
 * traces. Store calls made within a request or a feed poll stay in its trace, and every other span is sampled as
 * configured ({@code quarkus.otel.traces.sampler} and its {@code .arg}). Deciding at the sampler works whatever thread
 * or Vert.x context the store client starts its span on. Quarkus uses a Sampler bean in place of its own.
 */
@Singleton
public class BackgroundStoreCallSampler implements Sampler {

    /** Present on the client span of every store call: the Mongo driver's tracing, and database semantic conventions. */
    static final List<AttributeKey<String>> STORE_CALL = List.of(AttributeKey.stringKey("mongodb.command"),
            AttributeKey.stringKey("db.system"), AttributeKey.stringKey("db.system.name"));

    private final Sampler configured;

    BackgroundStoreCallSampler(
            @ConfigProperty(name = "quarkus.otel.traces.sampler", defaultValue = "parentbased_always_on") String sampler,
            @ConfigProperty(name = "quarkus.otel.traces.sampler.arg", defaultValue = "1.0") double ratio) {
        this.configured = configured(sampler, ratio);
    }

    /** The samplers Quarkus offers by name ({@code quarkus.otel.traces.sampler}). */
    static Sampler configured(String name, double ratio) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "always_on" -> Sampler.alwaysOn();
            case "always_off" -> Sampler.alwaysOff();
            case "traceidratio" -> Sampler.traceIdRatioBased(ratio);
            case "parentbased_always_on" -> Sampler.parentBased(Sampler.alwaysOn());
            case "parentbased_always_off" -> Sampler.parentBased(Sampler.alwaysOff());
            case "parentbased_traceidratio" -> Sampler.parentBased(Sampler.traceIdRatioBased(ratio));
            default -> throw new IllegalArgumentException("quarkus.otel.traces.sampler: unknown sampler '" + name
                    + "' (use always_on, always_off, traceidratio or their parentbased_ forms)");
        };
    }

    @Override
    public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
            Attributes attributes, List<LinkData> parentLinks) {
        if (spanKind == SpanKind.CLIENT && !Span.fromContext(parentContext).getSpanContext().isValid()
                && STORE_CALL.stream().anyMatch(key -> attributes.get(key) != null)) {
            return SamplingResult.drop();
        }
        return configured.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
    }

    @Override
    public String getDescription() {
        return "BackgroundStoreCallSampler{" + configured.getDescription() + "}";
    }
}
