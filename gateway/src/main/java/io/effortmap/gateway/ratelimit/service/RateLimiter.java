package io.effortmap.gateway.ratelimit.service;

import io.effortmap.gateway.ratelimit.config.RateLimitConfig;
import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps one bucket per caller or IP; full buckets are forgotten so memory tracks only active callers. Callers and IPs
 * have a map each. A caller's key is built once when its token is verified ({@link #callerKey}) and then taken from
 * the token cache, the same String every time, so no key is built per request and its hash is computed once.
 */
@ApplicationScoped
@Startup
public class RateLimiter {

    private final RateLimitConfig config;
    private final ConcurrentHashMap<String, TokenBucket> callers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, TokenBucket> ips = new ConcurrentHashMap<>();

    RateLimiter(RateLimitConfig config, Vertx vertx) {
        this.config = config;
        vertx.setPeriodic(30_000, id -> evictIdle());
    }

    /**
     * The bucket of one caller: the user (subject) in its workspace through that client, so that people using the same
     * front end never share a bucket. A client-credentials token's subject is its client's own service account, so a
     * partner CRM has exactly one bucket. Without a subject the client id is the key.
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
        return take(callers, callerKey, clientId);
    }

    public RateLimitDecision forPublicCaller(String ip) {
        return take(ips, ip, null);
    }

    private RateLimitDecision take(ConcurrentHashMap<String, TokenBucket> buckets, String key, String clientId) {
        if (!config.enabled()) {
            return RateLimitDecision.UNLIMITED;
        }
        long now = System.nanoTime();
        TokenBucket bucket = buckets.get(key);
        if (bucket == null) {
            if (callers.size() + ips.size() >= config.maxBuckets()) {
                evictIdle();
            }
            RateLimitConfig.Bucket settings = buckets == callers
                    ? config.clients().getOrDefault(clientId, config.api()) : config.publicPerIp();
            bucket = buckets.computeIfAbsent(key, k -> new TokenBucket(settings.capacity(), settings.refillPerSecond(), now));
        }
        return bucket.take(now);
    }

    private void evictIdle() {
        long now = System.nanoTime();
        callers.values().removeIf(bucket -> bucket.isFull(now));
        ips.values().removeIf(bucket -> bucket.isFull(now));
    }
}
