package io.effortmap.metrics.aggregate.service;

import org.apache.commons.math3.distribution.TDistribution;

/** The interval formulas behind every figure (95% level). */
public final class Statistics {

    /** Two-sided 95% standard normal quantile. */
    public static final double Z95 = 1.959963984540054;

    private Statistics() {
    }

    public record Interval(double low, double high) {
    }

    /** Student t-interval for a mean from count, sum and sum of squares; {@code null} below two observations. */
    public static Interval meanInterval(long n, double sum, double sumSquares) {
        if (n < 2) {
            return null;
        }
        double mean = sum / n;
        double variance = Math.max(0, (sumSquares - n * mean * mean) / (n - 1));
        double t = new TDistribution(n - 1).inverseCumulativeProbability(0.975);
        double half = t * Math.sqrt(variance / n);
        return new Interval(mean - half, mean + half);
    }

    /** Wilson score interval for a proportion, in percent. */
    public static Interval wilson(long successes, long n) {
        if (n == 0) {
            return null;
        }
        double p = (double) successes / n;
        double z2 = Z95 * Z95;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        return new Interval(100 * (centre - half), 100 * (centre + half));
    }

    /**
     * Adjusted-Wald interval for NPS (Rocks 2016): ¾ of an observation is added to promoters and to detractors and 3 to
     * n before the Wald interval of the difference is taken; in NPS points, clipped to −100..100.
     */
    public static Interval npsInterval(long promoters, long detractors, long n) {
        if (n == 0) {
            return null;
        }
        double adjustedN = n + 3;
        double pro = (promoters + 0.75) / adjustedN;
        double det = (detractors + 0.75) / adjustedN;
        double nps = pro - det;
        double variance = (pro + det - nps * nps) / adjustedN;
        double half = Z95 * Math.sqrt(variance);
        return new Interval(100 * Math.max(-1, nps - half), 100 * Math.min(1, nps + half));
    }
}
