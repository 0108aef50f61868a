package io.effortmap.gateway.ratelimit.service;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A token bucket kept as a single number, the time at which it will be full again (the generic cell rate algorithm,
 * equivalent to a token bucket): one compare-and-set per request instead of a lock, because one caller's requests
 * (a partner CRM's parallel pushes, a browser's parallel calls) arrive on all event loops at once.
 */
final class TokenBucket {

    private final int capacity;
    /** Time one token takes to come back, rounded up so that sub-nanosecond rates still count. */
    private final long nanosPerToken;
    /** Time an empty bucket takes to fill: capacity times {@link #nanosPerToken}. */
    private final long fillNanos;
    private final AtomicLong fullAtNanos;

    TokenBucket(int capacity, double refillPerSecond, long nowNanos) {
        this.capacity = capacity;
        this.nanosPerToken = Math.max(1, (long) Math.ceil(1e9 / refillPerSecond));
        this.fillNanos = saturatedMultiply(capacity, nanosPerToken);
        this.fullAtNanos = new AtomicLong(nowNanos);
    }

    RateLimitDecision take(long nowNanos) {
        while (true) {
            long fullAt = fullAtNanos.get();
            // How long until full, i.e. the missing tokens expressed as time; a full bucket owes nothing.
            long missing = Math.max(0, fullAt - nowNanos);
            if (missing > fillNanos - nanosPerToken) {
                // Less than one token left: nothing changes, the caller waits for the next one.
                long nanosToNextToken = missing - (fillNanos - nanosPerToken);
                return new RateLimitDecision(false, capacity, remaining(missing), ceilSeconds(nanosToNextToken),
                        ceilSeconds(missing));
            }
            long after = missing + nanosPerToken;
            if (fullAtNanos.compareAndSet(fullAt, nowNanos + after)) {
                return new RateLimitDecision(true, capacity, remaining(after), 0, ceilSeconds(after));
            }
        }
    }

    boolean isFull(long nowNanos) {
        return fullAtNanos.get() - nowNanos <= 0;
    }

    /** Whole tokens left when {@code missingNanos} of refill are outstanding. */
    private int remaining(long missingNanos) {
        return (int) Math.max(0, (fillNanos - missingNanos) / nanosPerToken);
    }

    private static long saturatedMultiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        return high == 0 && low >= 0 ? low : Long.MAX_VALUE;
    }

    private static long ceilSeconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
