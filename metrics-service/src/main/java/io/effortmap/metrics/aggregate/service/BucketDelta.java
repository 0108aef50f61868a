package io.effortmap.metrics.aggregate.service;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a group of answers adds to one bucket: count, sum, sum of squares and histogram, plus the feed position of
 * the newest answer so the write can be made conditional on it.
 */
public final class BucketDelta {

    private final BucketKey key;
    private long n;
    private long sum;
    private long sumSquares;
    private final Map<Integer, Long> histogram = new TreeMap<>();
    private String position;

    BucketDelta(BucketKey key) {
        this.key = key;
    }

    void add(int score, String eventPosition) {
        n++;
        sum += score;
        sumSquares += (long) score * score;
        histogram.merge(score, 1L, Long::sum);
        if (position == null || eventPosition.compareTo(position) > 0) {
            position = eventPosition;
        }
    }

    public BucketKey key() {
        return key;
    }

    public long n() {
        return n;
    }

    public long sum() {
        return sum;
    }

    public long sumSquares() {
        return sumSquares;
    }

    public Map<Integer, Long> histogram() {
        return histogram;
    }

    public String position() {
        return position;
    }
}
