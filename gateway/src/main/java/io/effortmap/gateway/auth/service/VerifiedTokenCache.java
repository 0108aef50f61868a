package io.effortmap.gateway.auth.service;

import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Remembers bearer tokens whose signature, issuer, audience and expiry were already verified, until they expire.
 * Tokens are verified locally (no introspection), so reusing the verdict is exactly as safe as verifying again, and
 * it turns the RS256 check and claims parsing into one map lookup for a client's following requests.
 */
@ApplicationScoped
public class VerifiedTokenCache {

    /** What the gateway needs of a verified token. */
    public record Verified(String clientId, long expiresAtEpochSecond) {
    }

    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();
    private final int maxEntries;

    VerifiedTokenCache(@ConfigProperty(name = "effortmap.gateway.verified-token-cache-size", defaultValue = "50000") int maxEntries,
            Vertx vertx) {
        this.maxEntries = maxEntries;
        vertx.setPeriodic(60_000, id -> evictExpired());
    }

    /** The verdict for this exact token, if it was verified and has not expired since. */
    public Verified get(String token) {
        Verified entry = verified.get(token);
        if (entry == null) {
            return null;
        }
        if (entry.expiresAtEpochSecond() <= System.currentTimeMillis() / 1000) {
            verified.remove(token, entry);
            return null;
        }
        return entry;
    }

    public void put(String token, Verified entry) {
        if (verified.size() >= maxEntries) {
            evictExpired();
            if (verified.size() >= maxEntries) {
                // Still full of live tokens: start over rather than grow; the cost is one re-verification each.
                verified.clear();
            }
        }
        verified.put(token, entry);
    }

    private void evictExpired() {
        long now = System.currentTimeMillis() / 1000;
        verified.values().removeIf(entry -> entry.expiresAtEpochSecond() <= now);
    }
}
