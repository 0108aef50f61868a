package io.effortmap.metrics.aggregate.service;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a group of answers adds to one stored bucket, as {@code $inc} amounts per field of each scale's entry
 * ({@link #increments(String)}), plus the feed position of the newest answer so the write can be made conditional on
 * it.
 */
public final class AggregateDelta {

    private final AggregateKey key;
    private final Map<String, Map<String, Long>> scales = new TreeMap<>();
    private String position;

    AggregateDelta(AggregateKey key) {
        this.key = key;
    }

    void addScore(String scale, int score, String eventPosition) {
        Map<String, Long> entry = entry(scale);
        inc(entry, "n", 1);
        inc(entry, "sum", score);
        inc(entry, "sumSq", (long) score * score);
        inc(entry, "hist." + score, 1);
        advance(eventPosition);
    }

    void addPair(String scale, int x, int y, String eventPosition) {
        Map<String, Long> entry = entry(scale);
        inc(entry, "n", 1);
        inc(entry, "sx", x);
        inc(entry, "sy", y);
        inc(entry, "sxx", (long) x * x);
        inc(entry, "syy", (long) y * y);
        inc(entry, "sxy", (long) x * y);
        inc(entry, "joint." + x + "_" + y, 1);
        advance(eventPosition);
    }

    void addInteraction(String scale, String outcome, Integer durationSeconds, String eventPosition) {
        Map<String, Long> entry = entry(scale);
        inc(entry, "n", 1);
        inc(entry, "outcome." + outcome, 1);
        if (durationSeconds != null) {
            inc(entry, "durN", 1);
            inc(entry, "durSum", durationSeconds);
        }
        advance(eventPosition);
    }

    private Map<String, Long> entry(String scale) {
        return scales.computeIfAbsent(scale, s -> new TreeMap<>());
    }

    private static void inc(Map<String, Long> entry, String field, long amount) {
        entry.merge(field, amount, Long::sum);
    }

    private void advance(String eventPosition) {
        if (position == null || eventPosition.compareTo(position) > 0) {
            position = eventPosition;
        }
    }

    public AggregateKey key() {
        return key;
    }

    /** The scales this delta adds to, each an entry of the stored bucket. */
    public Map<String, Map<String, Long>> scales() {
        return scales;
    }

    /** Increments of one scale's entry (empty when the delta has none on that scale). */
    public Map<String, Long> increments(String scale) {
        return scales.getOrDefault(scale, Map.of());
    }

    public long n(String scale) {
        return increments(scale).getOrDefault("n", 0L);
    }

    public long sum(String scale) {
        return increments(scale).getOrDefault("sum", 0L);
    }

    public long sumSquares(String scale) {
        return increments(scale).getOrDefault("sumSq", 0L);
    }

    /** Per-score counts of one scale of a metric delta. */
    public Map<Integer, Long> histogram(String scale) {
        Map<Integer, Long> histogram = new TreeMap<>();
        increments(scale).forEach((field, count) -> {
            if (field.startsWith("hist.")) {
                histogram.put(Integer.parseInt(field.substring(5)), count);
            }
        });
        return histogram;
    }

    public String position() {
        return position;
    }
}
