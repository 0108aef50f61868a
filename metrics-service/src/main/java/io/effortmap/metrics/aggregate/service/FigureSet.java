package io.effortmap.metrics.aggregate.service;

import io.effortmap.metrics.aggregate.repository.MetricBucket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sums buckets per scale and turns the totals into figures. Summing is exact (counts and sums, never averages), so a
 * week, a stage or a journey is exactly the union of the buckets added.
 */
public final class FigureSet {

    private final Map<String, Totals> byScale = new TreeMap<>();

    public FigureSet add(MetricBucket bucket) {
        byScale.computeIfAbsent(bucket.scoring() + "|" + bucket.scaleMin() + "|" + bucket.scaleMax(),
                k -> new Totals(bucket.scoring(), bucket.scaleMin(), bucket.scaleMax())).add(bucket);
        return this;
    }

    public FigureSet addAll(Iterable<MetricBucket> buckets) {
        buckets.forEach(this::add);
        return this;
    }

    public boolean isEmpty() {
        return byScale.isEmpty();
    }

    /** One figure per scale, ordered by scoring and scale. */
    public List<MetricFigure> figures(int lowSampleThreshold) {
        List<MetricFigure> figures = new ArrayList<>();
        for (Totals t : byScale.values()) {
            figures.add(t.figure(lowSampleThreshold));
        }
        return figures;
    }

    /** Raw totals per scale: the two-sample test needs the sums, not only the figure. */
    public List<Totals> totals() {
        return List.copyOf(byScale.values());
    }

    public static final class Totals {
        private final String scoring;
        private final int scaleMin;
        private final int scaleMax;
        private long n;
        private long sum;
        private long sumSquares;
        private final Map<Integer, Long> histogram = new TreeMap<>();

        Totals(String scoring, int scaleMin, int scaleMax) {
            this.scoring = scoring;
            this.scaleMin = scaleMin;
            this.scaleMax = scaleMax;
        }

        void add(MetricBucket bucket) {
            n += bucket.n();
            sum += bucket.sum();
            sumSquares += bucket.sumSquares();
            bucket.histogram().forEach((score, count) -> histogram.merge(score, count, Long::sum));
        }

        public MetricFigure figure(int lowSampleThreshold) {
            return FigureCalculator.figure(scoring, scaleMin, scaleMax, n, sum, sumSquares, histogram,
                    lowSampleThreshold);
        }

        public String scoring() {
            return scoring;
        }

        public int scaleMin() {
            return scaleMin;
        }

        public int scaleMax() {
            return scaleMax;
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
    }
}
