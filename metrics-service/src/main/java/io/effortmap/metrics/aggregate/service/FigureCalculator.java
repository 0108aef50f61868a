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
        return new MetricFigure(scoring, scaleMin, scaleMax, n, mean,
                Statistics.meanInterval(scaleMin, scaleMax, n, sum, sumSquares),
                headline(scoring, scaleMin, scaleMax, n, sorted), sorted, n < lowSampleThreshold);
    }

    private static Headline headline(String scoring, int scaleMin, int scaleMax, long n, Map<Integer, Long> histogram) {
        if (n == 0) {
            return null;
        }
        if ("NPS".equals(scoring)) {
            long promoters = count(histogram, 9, 10);
            long detractors = count(histogram, 0, 6);
            return new Headline("nps", 100.0 * (promoters - detractors) / n,
                    Statistics.npsInterval(promoters, detractors, n));
        }
        long successes = headlineCount(scoring, scaleMin, scaleMax, histogram);
        return new Headline(scoring.startsWith("CES_") ? "easyShare" : "satisfiedShare", (double) successes / n,
                Statistics.wilsonShare(successes, n));
    }

    /** NPS promoters (9–10) of a figure. */
    static long promoters(MetricFigure figure) {
        return count(figure.histogram(), 9, 10);
    }

    /** NPS detractors (0–6) of a figure. */
    static long detractors(MetricFigure figure) {
        return count(figure.histogram(), 0, 6);
    }

    /** The answers a share headline counts: easy CES answers or satisfied (top-two-box) CSAT answers. */
    static long headlineCount(MetricFigure figure) {
        return headlineCount(figure.scoring(), figure.scaleMin(), figure.scaleMax(), figure.histogram());
    }

    private static long headlineCount(String scoring, int scaleMin, int scaleMax, Map<Integer, Long> histogram) {
        return switch (scoring) {
            // 1–5 effort scale: lower is easier, so the bottom two are the easy answers.
            case "CES_EFFORT" -> count(histogram, scaleMin, scaleMin + 1);
            case "CES_AGREEMENT" -> count(histogram, scaleMax - 2, scaleMax);
            default -> count(histogram, scaleMax - 1, scaleMax);
        };
    }

    private static long count(Map<Integer, Long> histogram, int from, int to) {
        long total = 0;
        for (int score = from; score <= to; score++) {
            total += histogram.getOrDefault(score, 0L);
        }
        return total;
    }
}
