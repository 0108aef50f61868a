package io.effortmap.gateway.ratelimit.service;

/** The outcome of one request against its bucket, with what the RateLimit-* headers report. */
public record RateLimitDecision(boolean allowed, int limit, int remaining, long retryAfterSeconds, long resetSeconds) {

    static final RateLimitDecision UNLIMITED = new RateLimitDecision(true, 0, 0, 0, 0);
}
