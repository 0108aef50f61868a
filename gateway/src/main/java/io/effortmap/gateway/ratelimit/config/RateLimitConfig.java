package io.effortmap.gateway.ratelimit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

/**
 * Token buckets: API calls per caller (the token's subject and workspace through its client, {@code azp}), respondent
 * endpoints per client IP. Buckets live in each gateway replica's memory, so with N replicas behind a load balancer a
 * caller gets up to N times the limit.
 */
@ConfigMapping(prefix = "effortmap.gateway.rate-limit")
public interface RateLimitConfig {

    @WithDefault("true")
    boolean enabled();

    /** Default bucket of every API caller. */
    Bucket api();

    /**
     * Per-client overrides, keyed by client id: the bucket each caller of that client gets (a partner CRM's one
     * service account; each user of an interactive client such as {@code effortmap-web}).
     */
    Map<String, Bucket> clients();

    /** Bucket of each client IP on /api/v1/public/**. */
    Bucket publicPerIp();

    /**
     * Buckets kept at most, for callers and for respondent IPs each; a bucket that is full again is dropped anyway,
     * and past this bound the least used go first (their callers start again from a full bucket).
     */
    @WithDefault("100000")
    int maxBuckets();

    interface Bucket {

        /** Burst size. */
        @WithDefault("200")
        int capacity();

        /** Sustained requests per second. */
        @WithDefault("100")
        double refillPerSecond();
    }
}
