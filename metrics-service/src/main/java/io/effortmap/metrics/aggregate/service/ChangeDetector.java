package io.effortmap.metrics.aggregate.service;

import io.effortmap.metrics.aggregate.service.Statistics.DifferenceTest;
import io.effortmap.metrics.aggregate.service.Statistics.Interval;
import io.effortmap.metrics.aggregate.service.Statistics.WelchTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Decides which figures got worse between two periods, for early warning and alert rules alike. Each compared figure
 * gets two tests, its mean (Welch) and its headline (easy or satisfied share, or NPS), and every test of one report
 * enters one Benjamini–Hochberg correction, so that a report of many touchpoints does not raise alarms by chance.
 * A change is an alarm only when it is worse, significant after the correction, at least the minimum practical effect
 * and both periods have the minimum n. Pure, so the rule is tested (and simulated) without a store.
 */
public final class ChangeDetector {

    private ChangeDetector() {
    }

    /** {@code fdr}: the false discovery rate controlled across a report's tests; {@code minN}: what both periods need. */
    public record Settings(double fdr, int minN) {
    }

    /**
     * One figure's two periods; {@code minimumEffect}: the smallest change that matters, as a fraction of the figure's
     * full range (the scale's span for a mean, 1 for a share, 200 points for NPS).
     */
    public record Comparison(MetricFigure previous, MetricFigure current, double minimumEffect) {
    }

    /**
     * One test: {@code figure} is {@code mean} or the headline's name; {@code difference} is current minus previous,
     * with its 95% interval; {@code practical}: |difference| reaches the minimum effect.
     */
    @Schema(name = "ChangeTest")
    public record Test(String figure, double difference, Interval ci95, double pValue, double adjustedPValue,
            boolean worse, boolean practical) {
    }

    /** A comparison's tests (null where a test is undefined) and the decision. */
    public record Assessment(WelchTest welch, Test mean, Test headline, boolean significantDrop) {
    }

    /** One assessment per comparison, in order; the correction runs across all tests of all comparisons. */
    public static List<Assessment> assess(List<Comparison> comparisons, Settings settings) {
        List<WelchTest> welches = new ArrayList<>();
        List<DifferenceTest> headlines = new ArrayList<>();
        List<Double> pValues = new ArrayList<>();
        for (Comparison c : comparisons) {
            WelchTest welch = welch(c.current(), c.previous());
            DifferenceTest headline = headline(c.current(), c.previous());
            welches.add(welch);
            headlines.add(headline);
            if (welch != null) {
                pValues.add(welch.pValue());
            }
            if (headline != null) {
                pValues.add(headline.pValue());
            }
        }
        double[] adjusted = Statistics.benjaminiHochberg(pValues.stream().mapToDouble(Double::doubleValue).toArray());
        int next = 0;
        List<Assessment> out = new ArrayList<>();
        for (int i = 0; i < comparisons.size(); i++) {
            Comparison c = comparisons.get(i);
            MetricFigure current = c.current();
            WelchTest welch = welches.get(i);
            DifferenceTest headline = headlines.get(i);
            Test mean = welch == null ? null
                    : test("mean", welch.difference(), welch.ci95(), welch.pValue(), adjusted[next++],
                            "CES_EFFORT".equals(current.scoring()) ? welch.difference() > 0 : welch.difference() < 0,
                            (current.scaleMax() - current.scaleMin()) * c.minimumEffect());
            Test top = headline == null ? null
                    : test(current.headline().name(), headline.difference(), headline.ci95(), headline.pValue(),
                            adjusted[next++], headline.difference() < 0,
                            ("NPS".equals(current.scoring()) ? 200 : 1) * c.minimumEffect());
            boolean enough = current.n() >= settings.minN() && c.previous().n() >= settings.minN();
            boolean drop = enough && (alarm(mean, settings) || alarm(top, settings));
            out.add(new Assessment(welch, mean, top, drop));
        }
        return out;
    }

    private static Test test(String figure, double difference, Interval ci95, double p, double adjusted, boolean worse,
            double minimumChange) {
        return new Test(figure, difference, ci95, p, adjusted, worse, Math.abs(difference) >= minimumChange);
    }

    private static boolean alarm(Test test, Settings settings) {
        return test != null && test.worse() && test.practical() && test.adjustedPValue() < settings.fdr();
    }

    /** Welch's test from the histograms, which hold the exact count, sum and sum of squares. */
    private static WelchTest welch(MetricFigure current, MetricFigure previous) {
        long[] a = sums(current.histogram());
        long[] b = sums(previous.histogram());
        return Statistics.welch(current.n(), a[0], a[1], previous.n(), b[0], b[1]);
    }

    private static long[] sums(Map<Integer, Long> histogram) {
        long sum = 0;
        long squares = 0;
        for (Map.Entry<Integer, Long> e : histogram.entrySet()) {
            sum += (long) e.getKey() * e.getValue();
            squares += (long) e.getKey() * e.getKey() * e.getValue();
        }
        return new long[] {sum, squares};
    }

    private static DifferenceTest headline(MetricFigure current, MetricFigure previous) {
        if (current.n() == 0 || previous.n() == 0) {
            return null;
        }
        if ("NPS".equals(current.scoring())) {
            return Statistics.npsDifference(FigureCalculator.promoters(current), FigureCalculator.detractors(current),
                    current.n(), FigureCalculator.promoters(previous), FigureCalculator.detractors(previous),
                    previous.n());
        }
        return Statistics.proportionDifference(FigureCalculator.headlineCount(current), current.n(),
                FigureCalculator.headlineCount(previous), previous.n());
    }
}
