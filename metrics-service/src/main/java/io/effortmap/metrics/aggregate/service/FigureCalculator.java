package io.effortmap.metrics.aggregate.service;

import io.effortmap.metrics.aggregate.service.MetricFigure.Headline;
import java.util.Map;
import java.util.TreeMap;

/** Computes a figure from summed bucket statistics; exact because the buckets hold counts and sums, not averages. */
public final class FigureCalculator {

    private FigureCalculator() {
    }

    public static MetricFigure figure(String scoring, int scaleMin, int scaleMax, long n, long sum, long sumSquares,
            Map<Integer, Long> histogram, int lowSampleThreshold) {
        Map<Integer, Long> sorted = new TreeMap<>(histogram);
        Double mean = n == 0 ? null : (double) sum / n;
        return new MetricFigure(scoring, scaleMin, scaleMax, n, mean, Statistics.meanInterval(n, sum, sumSquares),
                headline(scoring, scaleMin, scaleMax, n, sorted), sorted, n < lowSampleThreshold);
    }

    private static Headline headline(String scoring, int scaleMin, int scaleMax, long n, Map<Integer, Long> histogram) {
        if (n == 0) {
            return null;
        }
        return switch (scoring) {
            case "NPS" -> {
                long promoters = count(histogram, 9, 10);
                long detractors = count(histogram, 0, 6);
                yield new Headline("nps", 100.0 * (promoters - detractors) / n,
                        Statistics.npsInterval(promoters, detractors, n));
            }
            // 1–5 effort scale: lower is easier, so the bottom two are the easy answers.
            case "CES_EFFORT" -> share("easyShare", count(histogram, scaleMin, scaleMin + 1), n);
            case "CES_AGREEMENT" -> share("easyShare", count(histogram, scaleMax - 2, scaleMax), n);
            default -> share("satisfiedShare", count(histogram, scaleMax - 1, scaleMax), n);
        };
    }

    /** Shares are fractions 0–1 with their Wilson interval, like every share in the API. */
    private static Headline share(String name, long successes, long n) {
        return new Headline(name, (double) successes / n, Statistics.wilsonShare(successes, n));
    }

    private static long count(Map<Integer, Long> histogram, int from, int to) {
        long total = 0;
        for (int score = from; score <= to; score++) {
            total += histogram.getOrDefault(score, 0L);
        }
        return total;
    }
}
