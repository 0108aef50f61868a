package io.effortmap.metrics.aggregate.repository;

import java.time.LocalDate;
import java.util.Map;

/**
 * A stored pair bucket: respondent-level (x = CES, y = CSAT or NPS) sums and the joint histogram keyed
 * {@code "x_y"}, from which Pearson and Spearman are exact.
 */
public record PairBucket(String scopeId, String pair, String scale, LocalDate period, long n, long sumX, long sumY,
        long sumXX, long sumYY, long sumXY, Map<String, Long> joint) {
}
