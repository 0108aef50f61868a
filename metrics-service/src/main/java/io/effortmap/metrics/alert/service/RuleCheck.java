package io.effortmap.metrics.alert.service;

import io.effortmap.metrics.aggregate.repository.MetricBucket;
import io.effortmap.metrics.aggregate.service.ChangeDetector;
import io.effortmap.metrics.aggregate.service.FigureSet;
import io.effortmap.metrics.aggregate.service.MetricFigure;
import io.effortmap.metrics.aggregate.service.Statistics;
import io.effortmap.metrics.alert.repository.AlertRule;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * Decides whether a rule's condition holds, from the buckets of its window (and, for drops, of the window before).
 * Pure, so the decision rules are tested without a store.
 *
 * <p>Scales are never mixed: only answers of the rule's scoring count, and if a scope has answers on several scales
 * of that scoring (CSAT 1–5 and 1–7), the scale with the most answers in the current window is evaluated.
 */
public final class RuleCheck {

    private RuleCheck() {
    }

    public record Result(boolean breached, Observation observation) {
    }

    /** Current window: the last {@code days} days up to {@code today}; previous: the same length just before. */
    public record Windows(LocalDate from, LocalDate to, LocalDate previousFrom, LocalDate previousTo) {

        public static Windows ending(LocalDate today, int days) {
            LocalDate from = today.minusDays(days - 1L);
            return new Windows(from, today, from.minusDays(days), from.minusDays(1));
        }
    }

    /** {@code minimumEffect}: the smallest change a drop must reach, as for the journey early warning. */
    public static Result check(AlertRule rule, Windows windows, List<MetricBucket> current,
            List<MetricBucket> previous, double fdr, double minimumEffect) {
        FigureSet.Totals now = scale(rule.scoring(), current, null);
        if (AlertRule.SIGNIFICANT_DROP.equals(rule.condition())) {
            return drop(rule, windows, now, now == null ? null : scale(rule.scoring(), previous, now), fdr,
                    minimumEffect);
        }
        return threshold(rule, windows, now);
    }

    private static Result threshold(AlertRule rule, Windows windows, FigureSet.Totals totals) {
        if (totals == null) {
            return new Result(false, new Observation(null, null, null, 0, null, null, windows.from(), windows.to(),
                    null, null, null));
        }
        MetricFigure figure = totals.figure(rule.minN());
        Double value;
        Statistics.Interval ci;
        if ("CES".equals(rule.metric())) {
            value = figure.mean();
            ci = figure.meanCi95();
        } else {
            value = figure.headline().value();
            ci = figure.headline().ci95();
        }
        boolean breached = figure.n() >= rule.minN() && value != null
                && ("BELOW".equals(rule.operator()) ? value < rule.threshold() : value > rule.threshold());
        return new Result(breached, new Observation(value, ci == null ? null : ci.low(), ci == null ? null : ci.high(),
                figure.n(), totals.scaleMin(), totals.scaleMax(), windows.from(), windows.to(), null, null, null));
    }

    /**
     * The journey early warning's rule on this one comparison: the mean's and the headline's tests, Benjamini–Hochberg
     * adjusted across the two, worse, at least the minimum effect, n ≥ minN in both windows.
     */
    private static Result drop(AlertRule rule, Windows windows, FigureSet.Totals now, FigureSet.Totals before,
            double fdr, double minimumEffect) {
        MetricFigure current = now == null ? null : now.figure(rule.minN());
        MetricFigure earlier = before == null ? null : before.figure(rule.minN());
        ChangeDetector.Assessment assessment = current == null || earlier == null ? null
                : ChangeDetector.assess(List.of(new ChangeDetector.Comparison(earlier, current, minimumEffect)),
                        new ChangeDetector.Settings(fdr, rule.minN())).getFirst();
        Statistics.WelchTest welch = assessment == null ? null : assessment.welch();
        Statistics.Interval ci = current == null ? null : current.meanCi95();
        return new Result(assessment != null && assessment.significantDrop(), new Observation(
                current == null ? null : current.mean(), ci == null ? null : ci.low(), ci == null ? null : ci.high(),
                current == null ? 0 : current.n(), now == null ? null : now.scaleMin(),
                now == null ? null : now.scaleMax(), windows.from(), windows.to(),
                earlier == null ? null : earlier.mean(), earlier == null ? 0L : earlier.n(),
                welch == null ? null : welch.pValue()));
    }

    /** The totals of the evaluated scale: {@code like}'s scale if given, else the one with the most answers. */
    private static FigureSet.Totals scale(String scoring, List<MetricBucket> buckets, FigureSet.Totals like) {
        FigureSet set = new FigureSet();
        buckets.stream().filter(b -> scoring.equals(b.scoring())).forEach(set::add);
        return set.totals().stream()
                .filter(t -> like == null || t.scaleMin() == like.scaleMin() && t.scaleMax() == like.scaleMax())
                .max(Comparator.comparingLong(FigureSet.Totals::n)
                        .thenComparing(FigureSet.Totals::scaleMax, Comparator.reverseOrder()))
                .orElse(null);
    }
}
