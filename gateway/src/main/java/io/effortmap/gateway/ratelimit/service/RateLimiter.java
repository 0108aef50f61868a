package io.effortmap.gateway.ratelimit.service;

import io.effortmap.gateway.ratelimit.config.RateLimitConfig;
import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps one bucket per client or IP; full buckets are forgotten so memory tracks only active callers. Clients and IPs
 * have a map each, keyed by the id itself: no key is built per request, and a client id taken from the token cache is
 * the same String every time, so its hash is computed once.
 */
@ApplicationScoped
@Startup
public class RateLimiter {

    private final RateLimitConfig config;
    private final ConcurrentHashMap<String, TokenBucket> clients = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, TokenBucket> ips = new ConcurrentHashMap<>();

    RateLimiter(RateLimitConfig config, Vertx vertx) {
        this.config = config;
        vertx.setPeriodic(30_000, id -> evictIdle());
    }

    public RateLimitDecision forClient(String clientId) {
        return take(clients, clientId);
    }

    public RateLimitDecision forPublicCaller(String ip) {
        return take(ips, ip);
    }

    private RateLimitDecision take(ConcurrentHashMap<String, TokenBucket> buckets, String key) {
        if (!config.enabled()) {
            return RateLimitDecision.UNLIMITED;
        }
        long now = System.nanoTime();
        TokenBucket bucket = buckets.get(key);
        if (bucket == null) {
            if (clients.size() + ips.size() >= config.maxBuckets()) {
                evictIdle();
            }
            RateLimitConfig.Bucket settings = buckets == clients
                    ? config.clients().getOrDefault(key, config.api()) : config.publicPerIp();
            bucket = buckets.computeIfAbsent(key, k -> new TokenBucket(settings.capacity(), settings.refillPerSecond(), now));
        }
        return bucket.take(now);
    }

    private void evictIdle() {
        long now = System.nanoTime();
        clients.values().removeIf(bucket -> bucket.isFull(now));
        ips.values().removeIf(bucket -> bucket.isFull(now));
    }
}
