package io.effortmap.gateway.ratelimit.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.effortmap.gateway.ratelimit.config.RateLimitConfig;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * One Bucket4j token bucket per API caller and per respondent IP, each kept (Caffeine, bounded by
 * {@code max-buckets} per kind) only while it is not full again: a bucket idle for its whole refill time is identical to
 * a new one, so dropping it changes nothing. Past the bound, the least used buckets go first. A caller's key is built
 * once when its token is verified ({@link #callerKey}) and then taken from the token cache.
 */
@Singleton
public class RateLimiter {

    /** A bucket with what its answers report: its capacity, and how long it takes to fill from empty. */
    private record Limited(Bucket bucket, int capacity, long fillNanos) {
    }

    private final RateLimitConfig config;
    private final TimeMeter clock;
    private final Cache<String, Limited> callers;
    private final Cache<String, Limited> ips;

    @Inject
    RateLimiter(RateLimitConfig config) {
        this(config, TimeMeter.SYSTEM_NANOTIME);
    }

    /** With another clock, for tests. */
    RateLimiter(RateLimitConfig config, TimeMeter clock) {
        this.config = config;
        this.clock = clock;
        this.callers = buckets(config.maxBuckets());
        this.ips = buckets(config.maxBuckets());
    }

    private static Cache<String, Limited> buckets(int max) {
        return Caffeine.newBuilder()
                .maximumSize(max)
                .expireAfter(Expiry.accessing((String key, Limited limited) -> Duration.ofNanos(limited.fillNanos())))
                .build();
    }

    /**
     * The bucket of one caller: the user (subject) in its workspace through that client. Without a subject the client
     * id is the key.
     */
    public static String callerKey(String clientId, String subject, String workspace) {
        if (subject == null || subject.isEmpty()) {
            return clientId;
        }
        return clientId + '/' + (workspace == null ? "" : workspace) + '/' + subject;
    }

    /**
     * @param callerKey from {@link #callerKey}
     * @param clientId the token's client ({@code azp}): its per-client settings apply to each of its callers
     */
    public RateLimitDecision forCaller(String callerKey, String clientId) {
        if (!config.enabled()) {
            return RateLimitDecision.UNLIMITED;
        }
        Limited limited = callers.getIfPresent(callerKey);
        if (limited == null) {
            limited = callers.get(callerKey, key -> create(config.clients().getOrDefault(clientId, config.api())));
        }
        return take(limited);
    }

    public RateLimitDecision forPublicCaller(String ip) {
        if (!config.enabled()) {
            return RateLimitDecision.UNLIMITED;
        }
        Limited limited = ips.getIfPresent(ip);
        if (limited == null) {
            limited = ips.get(ip, key -> create(config.publicPerIp()));
        }
        return take(limited);
    }

    private static RateLimitDecision take(Limited limited) {
        ConsumptionProbe probe = limited.bucket().tryConsumeAndReturnRemaining(1);
        int remaining = (int) Math.min(Integer.MAX_VALUE, probe.getRemainingTokens());
        long reset = ceilSeconds(probe.getNanosToWaitForReset());
        if (probe.isConsumed()) {
            return new RateLimitDecision(true, limited.capacity(), remaining, 0, reset);
        }
        return new RateLimitDecision(false, limited.capacity(), remaining, ceilSeconds(probe.getNanosToWaitForRefill()), reset);
    }

    /**
     * A bucket of {@code capacity} that refills continuously ("greedily") at {@code refillPerSecond}, expressed as the
     * whole capacity per fill time so fractional rates (one token every 5 s) stay exact. Bucket4j refills at most one
     * token per nanosecond, far above anything a gateway serves.
     */
    private Limited create(RateLimitConfig.Bucket settings) {
        int capacity = settings.capacity();
        long fillNanos = (long) Math.min(Long.MAX_VALUE / 2.0, Math.max(capacity, Math.ceil(capacity * 1e9 / settings.refillPerSecond())));
        Bucket bucket = Bucket.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, Duration.ofNanos(fillNanos)))
                .withCustomTimePrecision(clock)
                .build();
        return new Limited(bucket, capacity, fillNanos);
    }

    private static long ceilSeconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
