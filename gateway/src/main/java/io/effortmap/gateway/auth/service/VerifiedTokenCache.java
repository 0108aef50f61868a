package io.effortmap.gateway.auth.service;

import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Remembers {@code Authorization} header values whose bearer token's signature, issuer, audience and expiry were
 * already verified, until the token expires. Tokens are verified locally (no introspection), so reusing the verdict is
 * exactly as safe as verifying again, and it turns the RS256 check and claims parsing into one map lookup for a
 * client's following requests. Keyed by the header as received, so a lookup copies nothing out of it.
 */
@ApplicationScoped
public class VerifiedTokenCache {

    /** What the gateway needs of a verified token: its client, its rate-limit bucket key, and when it expires. */
    public record Verified(String clientId, String callerKey, long expiresAtEpochSecond) {
    }

    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();
    private final int maxEntries;

    VerifiedTokenCache(@ConfigProperty(name = "effortmap.gateway.verified-token-cache-size", defaultValue = "50000") int maxEntries,
            Vertx vertx) {
        this.maxEntries = maxEntries;
        vertx.setPeriodic(60_000, id -> evictExpired());
    }

    /** The verdict for this exact header value, if its token was verified and has not expired since. */
    public Verified get(String authorization) {
        Verified entry = verified.get(authorization);
        if (entry == null) {
            return null;
        }
        if (entry.expiresAtEpochSecond() <= System.currentTimeMillis() / 1000) {
            verified.remove(authorization, entry);
            return null;
        }
        return entry;
    }

    public void put(String authorization, Verified entry) {
        if (verified.size() >= maxEntries) {
            evictExpired();
            if (verified.size() >= maxEntries) {
                // Still full of live tokens: start over rather than grow; the cost is one re-verification each.
                verified.clear();
            }
        }
        verified.put(authorization, entry);
    }

    private void evictExpired() {
        long now = System.currentTimeMillis() / 1000;
        verified.values().removeIf(entry -> entry.expiresAtEpochSecond() <= now);
    }
}
