package io.effortmap.metrics.aggregate.service;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.special.Erf;

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

    /**
     * Interval of a mean on a bounded scale: the answers' distribution over the scale points gets a Dirichlet
     * posterior from a prior of total weight 1 spread evenly over the points (a Bayesian bootstrap, Rubin 1981, that
     * keeps some weight on points nobody chose), and the interval is its mean ± t(0.975, n−1) posterior standard
     * deviations, clipped to the scale. Unlike a t-interval it never has zero width (all answers alike do not prove
     * the next one will be) and never leaves the scale; simulated coverage is at least 95% from n = 2 on skewed 1–5,
     * 1–7 and 0–10 data (docs/statistics.md). {@code null} below two observations.
     */
    public static Interval meanInterval(int scaleMin, int scaleMax, long n, double sum, double sumSquares) {
        if (n < 2) {
            return null;
        }
        int points = scaleMax - scaleMin + 1;
        double priorSum = 0;
        double priorSumSquares = 0;
        for (int v = scaleMin; v <= scaleMax; v++) {
            priorSum += (double) v / points;
            priorSumSquares += (double) v * v / points;
        }
        double weight = n + 1.0;
        double mean = (sum + priorSum) / weight;
        double variance = Math.max(0, (sumSquares + priorSumSquares) / weight - mean * mean) / (weight + 1);
        double half = t975(n - 1) * Math.sqrt(variance);
        return new Interval(Math.max(scaleMin, mean - half), Math.min(scaleMax, mean + half));
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
        // All or none of the answers: that bound is exactly 1 or 0, which rounding would miss (or pass) by a hair.
        return new Interval(successes == 0 ? 0 : Math.max(0, centre - half),
                successes == n ? 1 : Math.min(1, centre + half));
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
        return Ranked.of(joint).rho();
    }

    /**
     * 95% interval of Pearson's r by Fisher's z with standard error 1/√(n−3). {@code null} for n ≤ 3 or |r| = 1.
     */
    public static Interval pearsonInterval(Double r, long n) {
        return fisherInterval(r, n, 1.0);
    }

    /**
     * 95% interval of Spearman's rho, valid with the heavy ties of short scales. Fieller, Hartley and Pearson's
     * standard error (1.06/√(n−3)) assumes untied ranks and under-covers as ties grow, without improving with n; a
     * delete-one jackknife standard error (Efron and Tibshirani 1993, ch. 11) adapts to the ties and is consistent,
     * but is unstable on few distinct answers. The interval is the union of both on Fisher's z scale (the jackknife
     * one with a t(n−1) quantile), so it is at least as wide as either. The jackknife is exact from the joint
     * histogram: leaving out an observation only depends on its cell. {@code null} for n ≤ 3, |rho| = 1 or when
     * leaving one answer out makes a variable constant.
     */
    public static Interval spearmanInterval(Map<Integer, Map<Integer, Long>> joint) {
        Ranked ranked = Ranked.of(joint);
        Double rho = ranked.rho();
        Interval fieller = fisherInterval(rho, ranked.n, 1.06);
        if (fieller == null) {
            return null;
        }
        long n = ranked.n;
        int cells = 0;
        double[] leftOut = new double[ranked.counts.length * ranked.counts[0].length];
        long[] weights = new long[leftOut.length];
        for (int i = 0; i < ranked.counts.length; i++) {
            for (int j = 0; j < ranked.counts[i].length; j++) {
                long count = ranked.counts[i][j];
                if (count == 0) {
                    continue;
                }
                Double without = ranked.without(i, j);
                if (without == null) {
                    return null;
                }
                leftOut[cells] = without;
                weights[cells++] = count;
            }
        }
        double centre = 0;
        for (int c = 0; c < cells; c++) {
            centre += weights[c] * leftOut[c];
        }
        centre /= n;
        double spread = 0;
        for (int c = 0; c < cells; c++) {
            spread += weights[c] * (leftOut[c] - centre) * (leftOut[c] - centre);
        }
        double se = Math.sqrt((n - 1.0) / n * spread);
        double z = atanh(rho);
        double half = t975(n - 1) * se / (1 - rho * rho);
        return new Interval(Math.min(fieller.low(), Math.tanh(z - half)),
                Math.max(fieller.high(), Math.tanh(z + half)));
    }

    private static Interval fisherInterval(Double r, long n, double seFactor) {
        if (r == null || n <= 3 || Math.abs(r) >= 1) {
            return null;
        }
        double z = atanh(r);
        double half = Z95 * seFactor / Math.sqrt(n - 3);
        return new Interval(Math.tanh(z - half), Math.tanh(z + half));
    }

    private static double atanh(double r) {
        return 0.5 * Math.log((1 + r) / (1 - r));
    }

    /** A joint histogram as a dense table of its distinct x and y values, for Spearman's rho and its jackknife. */
    private static final class Ranked {
        private final long[][] counts;
        private final long[] xCounts;
        private final long[] yCounts;
        private final long n;

        private Ranked(long[][] counts, long[] xCounts, long[] yCounts, long n) {
            this.counts = counts;
            this.xCounts = xCounts;
            this.yCounts = yCounts;
            this.n = n;
        }

        static Ranked of(Map<Integer, Map<Integer, Long>> joint) {
            TreeMap<Integer, Integer> xs = new TreeMap<>();
            TreeMap<Integer, Integer> ys = new TreeMap<>();
            joint.forEach((x, row) -> row.forEach((y, count) -> {
                if (count > 0) {
                    xs.put(x, 0);
                    ys.put(y, 0);
                }
            }));
            int index = 0;
            for (Map.Entry<Integer, Integer> e : xs.entrySet()) {
                e.setValue(index++);
            }
            index = 0;
            for (Map.Entry<Integer, Integer> e : ys.entrySet()) {
                e.setValue(index++);
            }
            long[][] counts = new long[Math.max(1, xs.size())][Math.max(1, ys.size())];
            long[] xCounts = new long[counts.length];
            long[] yCounts = new long[counts[0].length];
            long n = 0;
            for (Map.Entry<Integer, Map<Integer, Long>> row : joint.entrySet()) {
                for (Map.Entry<Integer, Long> cell : row.getValue().entrySet()) {
                    long count = cell.getValue();
                    if (count <= 0) {
                        continue;
                    }
                    int i = xs.get(row.getKey());
                    int j = ys.get(cell.getKey());
                    counts[i][j] += count;
                    xCounts[i] += count;
                    yCounts[j] += count;
                    n += count;
                }
            }
            return new Ranked(counts, xCounts, yCounts, n);
        }

        Double rho() {
            return without(-1, -1);
        }

        /** Rho with one observation of cell (skipI, skipJ) left out; (−1, −1) leaves none out. */
        Double without(int skipI, int skipJ) {
            double[] xRank = midRanks(xCounts, skipI);
            double[] yRank = midRanks(yCounts, skipJ);
            long m = 0;
            double sx = 0;
            double sy = 0;
            double sxx = 0;
            double syy = 0;
            double sxy = 0;
            for (int i = 0; i < counts.length; i++) {
                for (int j = 0; j < counts[i].length; j++) {
                    long c = counts[i][j] - (i == skipI && j == skipJ ? 1 : 0);
                    if (c == 0) {
                        continue;
                    }
                    m += c;
                    sx += c * xRank[i];
                    sy += c * yRank[j];
                    sxx += c * xRank[i] * xRank[i];
                    syy += c * yRank[j] * yRank[j];
                    sxy += c * xRank[i] * yRank[j];
                }
            }
            return pearson(m, sx, sy, sxx, syy, sxy);
        }

        private static double[] midRanks(long[] counts, int skip) {
            double[] ranks = new double[counts.length];
            long below = 0;
            for (int k = 0; k < counts.length; k++) {
                long count = counts[k] - (k == skip ? 1 : 0);
                ranks[k] = below + (count + 1) / 2.0;
                below += count;
            }
            return ranks;
        }
    }

    /** Welch's unequal-variance t-test of mean 1 against mean 2, with the 95% interval of the difference. */
    public record WelchTest(double difference, Interval ci95, double t, double degreesOfFreedom, double pValue) {
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
        TDistribution distribution = new TDistribution(null, df);
        double p = 2 * distribution.cumulativeProbability(-Math.abs(t));
        double half = distribution.inverseCumulativeProbability(0.975) * Math.sqrt(v1 + v2);
        return new WelchTest(mean1 - mean2, new Interval(mean1 - mean2 - half, mean1 - mean2 + half), t, df, p);
    }
    /** A difference of a headline figure between two samples (first minus second), with its test. */
    public record DifferenceTest(double difference, Interval ci95, double pValue) {
    }

    /**
     * Difference of two proportions: Newcombe's hybrid score interval (1998, method 10, from the two Wilson
     * intervals) and the two-sided p of the pooled two-proportion z-test (equivalent to Pearson's chi-square test of
     * the 2×2 table). Fractions 0–1. {@code null} when a sample is empty or both are all or nothing alike.
     */
    public static DifferenceTest proportionDifference(long successes1, long n1, long successes2, long n2) {
        if (n1 == 0 || n2 == 0) {
            return null;
        }
        double p1 = (double) successes1 / n1;
        double p2 = (double) successes2 / n2;
        double pooled = (double) (successes1 + successes2) / (n1 + n2);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        if (se == 0) {
            return null;
        }
        Interval w1 = wilsonShare(successes1, n1);
        Interval w2 = wilsonShare(successes2, n2);
        double d = p1 - p2;
        double low = d - Math.sqrt(square(p1 - w1.low()) + square(w2.high() - p2));
        double high = d + Math.sqrt(square(w1.high() - p1) + square(p2 - w2.low()));
        return new DifferenceTest(d, new Interval(low, high), twoSidedNormalP(d / se));
    }

    /**
     * Difference of two NPS values in points: the adjusted-Wald method for a difference of NPS (Rocks 2016; ¾ added
     * to promoters and detractors and 3 to n of each sample, variances added), interval clipped to −200..200 and the
     * two-sided p of the same z. {@code difference} is the observed one.
     */
    public static DifferenceTest npsDifference(long promoters1, long detractors1, long n1, long promoters2,
            long detractors2, long n2) {
        if (n1 == 0 || n2 == 0) {
            return null;
        }
        double[] a = adjustedNps(promoters1, detractors1, n1);
        double[] b = adjustedNps(promoters2, detractors2, n2);
        double se = Math.sqrt(a[1] + b[1]);
        double adjusted = a[0] - b[0];
        double observed = (double) (promoters1 - detractors1) / n1 - (double) (promoters2 - detractors2) / n2;
        return new DifferenceTest(100 * observed, new Interval(100 * Math.max(-2, adjusted - Z95 * se),
                100 * Math.min(2, adjusted + Z95 * se)), twoSidedNormalP(adjusted / se));
    }

    /** Adjusted NPS as a fraction and its variance. */
    private static double[] adjustedNps(long promoters, long detractors, long n) {
        double adjustedN = n + 3;
        double pro = (promoters + 0.75) / adjustedN;
        double det = (detractors + 0.75) / adjustedN;
        double nps = pro - det;
        return new double[] {nps, (pro + det - nps * nps) / adjustedN};
    }

    /**
     * Benjamini–Hochberg adjusted p-values (1995), in the order given: a test is a discovery at false discovery rate
     * q when its adjusted p is below q. Step-up: the adjusted p of the k-th smallest of m is the minimum over j ≥ k of
     * p(j)·m/j, capped at 1.
     */
    public static double[] benjaminiHochberg(double[] pValues) {
        int m = pValues.length;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(pValues[y], pValues[x]));
        double[] adjusted = new double[m];
        double running = 1;
        for (int k = 0; k < m; k++) {
            int rank = m - k;
            int i = order[k];
            running = Math.min(running, pValues[i] * m / rank);
            adjusted[i] = running;
        }
        return adjusted;
    }

    private static double twoSidedNormalP(double z) {
        return Erf.erfc(Math.abs(z) / Math.sqrt(2));
    }

    private static double square(double x) {
        return x * x;
    }
}
