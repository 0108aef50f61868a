package io.effortmap.metrics.aggregate.repository;

import java.time.LocalDate;
import java.util.Map;

/** A stored interaction bucket: count, per-outcome counts and the sum of the durations that were given. */
public record InteractionBucket(String scopeId, LocalDate period, long n, Map<String, Long> outcomes, long durationN,
        long durationSum) {
}
