package io.effortmap.gateway.ratelimit.service;

/** A classic token bucket; synchronized because one client's requests may arrive on several event loops. */
final class TokenBucket {

    private final int capacity;
    private final double refillPerNano;
    private double tokens;
    private long updatedNanos;

    TokenBucket(int capacity, double refillPerSecond, long nowNanos) {
        this.capacity = capacity;
        this.refillPerNano = refillPerSecond / 1e9;
        this.tokens = capacity;
        this.updatedNanos = nowNanos;
    }

    synchronized RateLimitDecision take(long nowNanos) {
        tokens = Math.min(capacity, tokens + (nowNanos - updatedNanos) * refillPerNano);
        updatedNanos = nowNanos;
        boolean allowed = tokens >= 1;
        if (allowed) {
            tokens -= 1;
        }
        long nanosToNextToken = allowed ? 0 : (long) Math.ceil((1 - tokens) / refillPerNano);
        long nanosToFull = (long) Math.ceil((capacity - tokens) / refillPerNano);
        return new RateLimitDecision(allowed, capacity, (int) Math.floor(tokens), ceilSeconds(nanosToNextToken),
                ceilSeconds(nanosToFull));
    }

    synchronized boolean isFull(long nowNanos) {
        return tokens + (nowNanos - updatedNanos) * refillPerNano >= capacity;
    }

    private static long ceilSeconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
