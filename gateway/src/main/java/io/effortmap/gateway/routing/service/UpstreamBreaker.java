package io.effortmap.gateway.routing.service;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-upstream circuit breaker: after {@code threshold} consecutive failures (refused connections, timeouts) requests
 * fail fast for {@code openNanos}; then one request at a time probes until one succeeds.
 */
public final class UpstreamBreaker {

    private final int threshold;
    private final long openNanos;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private final AtomicLong openUntil = new AtomicLong();

    public UpstreamBreaker(int threshold, long openMillis) {
        this.threshold = threshold;
        this.openNanos = TimeUnit.MILLISECONDS.toNanos(openMillis);
    }

    /** Whether a request may go upstream now; while open, one probe is let through per open period. */
    public boolean allowRequest() {
        long until = openUntil.get();
        if (until == 0) {
            return true;
        }
        long now = System.nanoTime();
        return now >= until && openUntil.compareAndSet(until, now + openNanos);
    }

    /** Seconds until the next probe, for Retry-After. */
    public long retryAfterSeconds() {
        long remaining = openUntil.get() - System.nanoTime();
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(remaining) + 1);
    }

    public void onSuccess() {
        consecutiveFailures.set(0);
        openUntil.set(0);
    }

    public void onFailure() {
        if (consecutiveFailures.incrementAndGet() >= threshold) {
            openUntil.set(System.nanoTime() + openNanos);
        }
    }
}
