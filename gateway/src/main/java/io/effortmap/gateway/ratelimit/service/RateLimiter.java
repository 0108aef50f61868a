package io.effortmap.gateway.ratelimit.service;

import io.effortmap.gateway.ratelimit.config.RateLimitConfig;
import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps one bucket per client or IP; full buckets are forgotten so memory tracks only active callers. */
@ApplicationScoped
@Startup
public class RateLimiter {

    private final RateLimitConfig config;
    private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(RateLimitConfig config, Vertx vertx) {
        this.config = config;
        vertx.setPeriodic(30_000, id -> evictIdle());
    }

    public RateLimitDecision forClient(String clientId) {
        RateLimitConfig.Bucket bucket = config.clients().getOrDefault(clientId, config.api());
        return take("client:" + clientId, bucket);
    }

    public RateLimitDecision forPublicCaller(String ip) {
        return take("ip:" + ip, config.publicPerIp());
    }

    private RateLimitDecision take(String key, RateLimitConfig.Bucket settings) {
        if (!config.enabled()) {
            return RateLimitDecision.UNLIMITED;
        }
        long now = System.nanoTime();
        if (buckets.size() >= config.maxBuckets()) {
            evictIdle();
        }
        return buckets.computeIfAbsent(key, k -> new TokenBucket(settings.capacity(), settings.refillPerSecond(), now))
                .take(now);
    }

    private void evictIdle() {
        long now = System.nanoTime();
        buckets.values().removeIf(bucket -> bucket.isFull(now));
    }
}
