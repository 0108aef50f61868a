package io.effortmap.common.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.IdGenerator;
import java.util.function.Supplier;

/**
 * Background work that repeats every second or faster (readiness pings of a store, lease renewals, progress reads):
 * with instrumented store clients each run would otherwise start a trace of its own, several a second per replica,
 * drowning the requests' traces at the collector. The work is started under a parent that is not sampled, so the
 * parent-based sampler records none of its spans; what it does is unchanged.
 */
public final class Untraced {

    private static final IdGenerator IDS = IdGenerator.random();

    private Untraced() {
    }

    /** Runs {@code start} (which subscribes or starts the work) with an unsampled span as the current one. */
    public static void run(Runnable start) {
        try (Scope ignored = notSampled().makeCurrent()) {
            start.run();
        }
    }

    /** As {@link #run(Runnable)}, answering what {@code start} returns. */
    public static <T> T call(Supplier<T> start) {
        try (Scope ignored = notSampled().makeCurrent()) {
            return start.get();
        }
    }

    static Context notSampled() {
        return Context.root().with(Span.wrap(SpanContext.create(IDS.generateTraceId(), IDS.generateSpanId(),
                TraceFlags.getDefault(), TraceState.getDefault())));
    }
}
