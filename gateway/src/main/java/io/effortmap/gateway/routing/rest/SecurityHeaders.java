package io.effortmap.gateway.routing.rest;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;

/**
 * Headers every API answer carries, from the services and from the gateway itself: {@code X-Content-Type-Options:
 * nosniff} (a browser never guesses a type other than the declared one, so a JSON answer cannot be run as a script)
 * and {@code Cache-Control: no-store} (answers hold a workspace's data and must not stay in shared or browser caches).
 * The services set them too; a value a service chose is kept.
 */
public final class SecurityHeaders {

    // Pre-encoded once: setting them costs no per-request encoding.
    private static final CharSequence NOSNIFF_NAME = HttpHeaders.createOptimized("X-Content-Type-Options");
    private static final CharSequence NOSNIFF = HttpHeaders.createOptimized("nosniff");
    private static final CharSequence NO_STORE = HttpHeaders.createOptimized("no-store");

    private SecurityHeaders() {
    }

    public static void addMissing(MultiMap headers) {
        if (!headers.contains(NOSNIFF_NAME)) {
            headers.set(NOSNIFF_NAME, NOSNIFF);
        }
        if (!headers.contains(HttpHeaders.CACHE_CONTROL)) {
            headers.set(HttpHeaders.CACHE_CONTROL, NO_STORE);
        }
    }
}
