package io.effortmap.metrics.aggregate.repository;

import java.time.Instant;

/**
 * Which copy of the buckets answers queries ({@code active}) and which one a rebuild is filling from the feeds'
 * beginning ({@code building}); a retired copy is dropped a little after the switch, once no reader can still use it.
 */
public record Generation(int active, Integer building, Instant rebuildStartedAt, String rebuildRequestedBy,
        Integer retired, Instant retiredAt) {
}
