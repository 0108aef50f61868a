package io.effortmap.metrics.aggregate.service;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a group of answers adds to one bucket, as {@code $inc} amounts per field, plus the feed position of the newest
 * answer so the write can be made conditional on it.
 */
public final class AggregateDelta {

    private final AggregateKey key;
    private final Map<String, Long> increments = new TreeMap<>();
    private String position;

    AggregateDelta(AggregateKey key) {
        this.key = key;
    }

    void addScore(int score, String eventPosition) {
        inc("n", 1);
        inc("sum", score);
        inc("sumSq", (long) score * score);
        inc("hist." + score, 1);
        advance(eventPosition);
    }

    void addPair(int x, int y, String eventPosition) {
        inc("n", 1);
        inc("sx", x);
        inc("sy", y);
        inc("sxx", (long) x * x);
        inc("syy", (long) y * y);
        inc("sxy", (long) x * y);
        inc("joint." + x + "_" + y, 1);
        advance(eventPosition);
    }

    void addInteraction(String outcome, Integer durationSeconds, String eventPosition) {
        inc("n", 1);
        inc("outcome." + outcome, 1);
        if (durationSeconds != null) {
            inc("durN", 1);
            inc("durSum", durationSeconds);
        }
        advance(eventPosition);
    }

    private void inc(String field, long amount) {
        increments.merge(field, amount, Long::sum);
    }

    private void advance(String eventPosition) {
        if (position == null || eventPosition.compareTo(position) > 0) {
            position = eventPosition;
        }
    }

    public AggregateKey key() {
        return key;
    }

    public Map<String, Long> increments() {
        return increments;
    }

    public long n() {
        return increments.getOrDefault("n", 0L);
    }

    public long sum() {
        return increments.getOrDefault("sum", 0L);
    }

    public long sumSquares() {
        return increments.getOrDefault("sumSq", 0L);
    }

    /** Per-score counts of a metric delta. */
    public Map<Integer, Long> histogram() {
        Map<Integer, Long> histogram = new TreeMap<>();
        increments.forEach((field, count) -> {
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
