package io.effortmap.gateway.auth.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.effortmap.gateway.auth.model.Caller;
import io.effortmap.gateway.routing.config.GatewayConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Remembers {@code Authorization} header values whose bearer token's signature, issuer, audience and expiry were
 * already verified, each until its token expires. Tokens are verified locally (no introspection), so reusing the
 * verdict is exactly as safe as verifying again, and it turns the RS256 check and claims parsing into one lookup for a
 * client's following requests. Keyed by the header as received, so a lookup copies nothing out of it. Bounded in size
 * (Caffeine: the entries least likely to be used again go first); hits and misses are on {@code /q/metrics} as
 * {@code cache_gets_total{cache="verified-tokens"}}: each miss with a token is a signature check.
 */
@Singleton
public class VerifiedTokenCache {

    private final Cache<String, Caller> verified;

    VerifiedTokenCache(GatewayConfig config, MeterRegistry registry) {
        this.verified = Caffeine.newBuilder()
                .maximumSize(config.verifiedTokenCacheSize())
                .expireAfter(Expiry.creating((String authorization, Caller caller) ->
                        Duration.ofMillis(Math.max(0, caller.expiresAtEpochSecond() * 1000 - System.currentTimeMillis()))))
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(registry, verified, "verified-tokens");
    }

    /** The caller of this exact header value, if its token was verified and has not expired since. */
    public Caller get(String authorization) {
        return verified.getIfPresent(authorization);
    }

    public void put(String authorization, Caller caller) {
        verified.put(authorization, caller);
    }

    /** Entries held now, after pending evictions. */
    long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }
}
