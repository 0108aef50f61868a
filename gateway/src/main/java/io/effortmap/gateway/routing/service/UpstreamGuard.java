package io.effortmap.gateway.routing.service;

import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.vertx.core.http.HttpClientResponse;
import jakarta.enterprise.util.TypeLiteral;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * One upstream's circuit breaker (SmallRye Fault Tolerance, programmatic): after {@code threshold} failed exchanges in
 * a row (refused connections, timeouts; any answer, even a 5xx, is a success: the service is there) calls fail fast
 * with {@link CircuitBreakerOpenException} for {@code open}, then one probe decides whether it closes again. Named
 * {@code gateway-<service>}, so {@code CircuitBreakerMaintenance} can read or reset it.
 */
public final class UpstreamGuard {

    private static final TypeLiteral<CompletionStage<HttpClientResponse>> EXCHANGE = new TypeLiteral<>() {
    };

    private final String name;
    private final TypedGuard<CompletionStage<HttpClientResponse>> guard;
    private final long openNanos;
    /** When the breaker last opened (System.nanoTime), for Retry-After. */
    private final AtomicLong openedAt = new AtomicLong();
    private volatile boolean openNow;

    UpstreamGuard(String service, int threshold, Duration open) {
        this.name = "gateway-" + service;
        this.openNanos = open.toNanos();
        this.guard = TypedGuard.create(EXCHANGE)
                .withCircuitBreaker()
                .name(name)
                .requestVolumeThreshold(threshold)
                .failureRatio(1.0)
                .successThreshold(1)
                .delay(open.toMillis(), ChronoUnit.MILLIS)
                .onStateChange(state -> {
                    if (state == CircuitBreakerState.OPEN) {
                        openedAt.set(System.nanoTime());
                    }
                    openNow = state == CircuitBreakerState.OPEN;
                })
                .done()
                // The exchange is already non-blocking on the event loop, so it and its completion run right there.
                // Without an executor of its own, the guard queues both as event-loop tasks (with a context
                // propagation snapshot each) even with thread offload off: two extra tasks per request in the profile.
                .withThreadOffload(true)
                .withThreadOffloadExecutor(Runnable::run)
                .build();
    }

    /** Runs one exchange through the breaker; when it is open the stage fails at once with CircuitBreakerOpenException. */
    public CompletionStage<HttpClientResponse> call(Supplier<CompletionStage<HttpClientResponse>> exchange) {
        return guard.get(exchange);
    }

    /** Whether the breaker is open now (calls fail at once; half-open, a trial call would go through). */
    public boolean isOpen() {
        return openNow;
    }

    /** Closes the breaker at once (the service is ready again), instead of waiting for its next trial request. */
    public void close() {
        CircuitBreakerMaintenance.get().reset(name);
        openNow = false;
    }

    /** Whole seconds until the open breaker lets a probe through (at least 1), for Retry-After. */
    public long retryAfterSeconds() {
        long remaining = openedAt.get() + openNanos - System.nanoTime();
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(remaining) + 1);
    }
}
