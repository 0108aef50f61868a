package io.effortmap.metrics.aggregate.service;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.math3.distribution.TDistribution;

/** The interval formulas behind every figure (95% level). */
public final class Statistics {

    /** Two-sided 95% standard normal quantile. */
    public static final double Z95 = 1.959963984540054;

    /**
     * Two-sided 95% t quantiles by degrees of freedom, computed once each: a scorecard takes hundreds, and each costs an
     * iterative inversion (commons-math would also seed a random generator per distribution without the null).
     */
    private static final Map<Long, Double> T975 = new ConcurrentHashMap<>();

    private Statistics() {
    }

    /** Bounds the cache (about 8 MB at most); larger samples compute their quantile each time. */
    private static final long CACHED_DEGREES = 100_000;

    static double t975(long degreesOfFreedom) {
        if (degreesOfFreedom > CACHED_DEGREES) {
            return new TDistribution(null, degreesOfFreedom).inverseCumulativeProbability(0.975);
        }
        return T975.computeIfAbsent(degreesOfFreedom,
                df -> new TDistribution(null, df).inverseCumulativeProbability(0.975));
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
        double t = t975(n - 1);
        double half = t * Math.sqrt(variance / n);
        return new Interval(mean - half, mean + half);
    }

    /** Wilson score interval for a proportion, as a fraction (as every rate and share in the API is). */
    public static Interval wilsonShare(long successes, long n) {
        if (n == 0) {
            return null;
        }
        double p = (double) successes / n;
        double z2 = Z95 * Z95;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        return new Interval(centre - half, centre + half);
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

    /** Pearson's r from respondent-level sums; {@code null} when either variable is constant or n < 2. */
    public static Double pearson(long n, double sumX, double sumY, double sumXX, double sumYY, double sumXY) {
        if (n < 2) {
            return null;
        }
        double sxx = n * sumXX - sumX * sumX;
        double syy = n * sumYY - sumY * sumY;
        double sxy = n * sumXY - sumX * sumY;
        if (sxx <= 0 || syy <= 0) {
            return null;
        }
        return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
    }

    /**
     * Spearman's rho from a joint histogram ({@code x -> y -> count}): Pearson's r of mid-ranks, so tied scores
     * (the rule on a bounded scale) share the average of the ranks they span. Exact, no sampling.
     */
    public static Double spearman(Map<Integer, Map<Integer, Long>> joint) {
        Map<Integer, Long> xCounts = new TreeMap<>();
        Map<Integer, Long> yCounts = new TreeMap<>();
        joint.forEach((x, ys) -> ys.forEach((y, count) -> {
            xCounts.merge(x, count, Long::sum);
            yCounts.merge(y, count, Long::sum);
        }));
        Map<Integer, Double> xRank = midRanks(xCounts);
        Map<Integer, Double> yRank = midRanks(yCounts);
        long n = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (Map.Entry<Integer, Map<Integer, Long>> row : joint.entrySet()) {
            double rx = xRank.get(row.getKey());
            for (Map.Entry<Integer, Long> cell : row.getValue().entrySet()) {
                double ry = yRank.get(cell.getKey());
                long c = cell.getValue();
                n += c;
                sx += c * rx;
                sy += c * ry;
                sxx += c * rx * rx;
                syy += c * ry * ry;
                sxy += c * rx * ry;
            }
        }
        return pearson(n, sx, sy, sxx, syy, sxy);
    }

    /** Rank of each distinct value: the mean of the 1-based ranks its tied observations occupy. */
    static Map<Integer, Double> midRanks(Map<Integer, Long> counts) {
        Map<Integer, Double> ranks = new TreeMap<>();
        long below = 0;
        for (Map.Entry<Integer, Long> entry : new TreeMap<>(counts).entrySet()) {
            ranks.put(entry.getKey(), below + (entry.getValue() + 1) / 2.0);
            below += entry.getValue();
        }
        return ranks;
    }

    /**
     * 95% interval of a correlation by Fisher's z; {@code seFactor} is 1 for Pearson and 1.06 for Spearman
     * (Fieller, Hartley and Pearson 1957). {@code null} for n ≤ 3 or |r| = 1.
     */
    public static Interval correlationInterval(Double r, long n, double seFactor) {
        if (r == null || n <= 3 || Math.abs(r) >= 1) {
            return null;
        }
        double z = 0.5 * Math.log((1 + r) / (1 - r));
        double half = Z95 * seFactor / Math.sqrt(n - 3);
        return new Interval(Math.tanh(z - half), Math.tanh(z + half));
    }

    /** Welch's unequal-variance t-test of mean 1 against mean 2. */
    public record WelchTest(double difference, double t, double degreesOfFreedom, double pValue) {
    }

    /** From count, sum and sum of squares of two samples; {@code null} when n < 2 or both variances are zero. */
    public static WelchTest welch(long n1, double sum1, double sumSquares1, long n2, double sum2, double sumSquares2) {
        if (n1 < 2 || n2 < 2) {
            return null;
        }
        double mean1 = sum1 / n1;
        double mean2 = sum2 / n2;
        double v1 = Math.max(0, (sumSquares1 - n1 * mean1 * mean1) / (n1 - 1)) / n1;
        double v2 = Math.max(0, (sumSquares2 - n2 * mean2 * mean2) / (n2 - 1)) / n2;
        if (v1 + v2 == 0) {
            return null;
        }
        double t = (mean1 - mean2) / Math.sqrt(v1 + v2);
        double df = (v1 + v2) * (v1 + v2) / (v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1));
        double p = 2 * new TDistribution(null, df).cumulativeProbability(-Math.abs(t));
        return new WelchTest(mean1 - mean2, t, df, p);
    }
}
