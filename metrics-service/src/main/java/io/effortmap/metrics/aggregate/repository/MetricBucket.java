package io.effortmap.metrics.aggregate.repository;

import java.time.LocalDate;
import java.util.Map;

/** A stored metric bucket: count, sum, sum of squares and per-score histogram of one scale in one period. */
public record MetricBucket(String scopeId, String metric, String scoring, int scaleMin, int scaleMax, LocalDate period,
        long n, long sum, long sumSquares, Map<Integer, Long> histogram) {
}
