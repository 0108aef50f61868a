package io.effortmap.common.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.quarkus.opentelemetry.runtime.QuarkusContextStorage;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * Background work that repeats every second or faster (readiness pings of a store, lease renewals, progress reads):
 * with instrumented store clients each run would otherwise start a trace of its own, several a second per replica,
 * drowning the requests' traces at the collector. The work is started under a parent that is not sampled, so the
 * parent-based sampler records none of its spans; what it does is unchanged.
 *
 * <p>On a Vert.x thread the work runs on a duplicated context of its own that carries the unsampled parent for as
 * long as the work goes on: the instrumented clients read the current trace context from the Vert.x context when
 * they send (MongoDB when the command's publisher is subscribed, the SQL client when the query goes out), which for
 * a chained or deferred step is later than {@code start} returns, so a thread-local parent that ends with
 * {@code start} left those steps as roots of traces of their own.
 */
public final class Untraced {

    private static final IdGenerator IDS = IdGenerator.random();

    private Untraced() {
    }

    /**
     * Runs {@code start} (which subscribes or starts the work) with an unsampled span as the current one: on a Vert.x
     * thread on a duplicated context of its own (soon after, in order), elsewhere at once.
     */
    public static void run(Runnable start) {
        io.vertx.core.Context current = Vertx.currentContext();
        if (current == null) {
            try (Scope ignored = notSampled().makeCurrent()) {
                start.run();
            }
            return;
        }
        io.vertx.core.Context own = VertxContext.createNewDuplicatedContext(current);
        // Never detached: the context is this work's alone, and its later steps must still find the parent.
        QuarkusContextStorage.INSTANCE.attach(own, notSampled());
        own.runOnContext(ignored -> start.run());
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
