package io.effortmap.common.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How requests are bounded by their store, and how readiness watches it (every service with a store reads these). */
@ConfigMapping(prefix = "effortmap.store")
public interface StoreConfig {

    /**
     * A request still waiting once its store has answered nothing (not even readiness' pings) for this long answers 503
     * with Retry-After ({@link StoreDeadline}). Well under the gateway's route timeouts, so callers learn of an outage
     * from a 503, not a 504; a store that is merely slow (it still answers pings) is not cut short by it.
     */
    @WithDefault("1500ms")
    Duration deadline();

    /**
     * The longest any single store operation may take, connecting and waiting for a pooled connection included, for
     * requests and background work alike; past it the operation fails (503 on a request).
     */
    @WithDefault("5s")
    Duration operationTimeout();

    /** Retry-After on a 503 caused by the store. */
    @WithDefault("2s")
    Duration retryAfter();

    /** How often the store is pinged (readiness, and what {@link #deadline()} measures silence with). */
    @WithDefault("500ms")
    Duration probeInterval();

    /** A ping not answered within this counts as failed. */
    @WithDefault("1s")
    Duration probeTimeout();

    /** Consecutive failed pings before readiness reports DOWN (one success brings it back UP). */
    @WithDefault("2")
    int probeFailures();
}
