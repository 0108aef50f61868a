package io.effortmap.metrics.alert.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.effortmap.metrics.aggregate.repository.MetricBucket;
import io.effortmap.metrics.alert.repository.AlertRule;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleCheckTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    private static final RuleCheck.Windows WEEK = RuleCheck.Windows.ending(TODAY, 7);

    @Test
    void windowsAreTheLastDaysAndTheSameLengthBefore() {
        assertThat(WEEK).isEqualTo(new RuleCheck.Windows(LocalDate.of(2026, 11, 16), TODAY,
                LocalDate.of(2026, 11, 9), LocalDate.of(2026, 11, 15)));
    }

    @Test
    void cesThresholdComparesTheMeanOnceThereAreEnoughAnswers() {
        // scores 1, 2, 1: mean 4/3
        List<MetricBucket> buckets = List.of(ces("CES_AGREEMENT", 1, 7, 3, 4, 6, Map.of(1, 2L, 2, 1L)));

        RuleCheck.Result result = check(threshold("CES", "CES_AGREEMENT", "BELOW", 4.0, 3), WEEK, buckets, List.of());
        assertThat(result.breached()).isTrue();
        assertThat(result.observation().value()).isCloseTo(4.0 / 3, within(1e-9));
        assertThat(result.observation().n()).isEqualTo(3);
        assertThat(result.observation().from()).isEqualTo(WEEK.from());

        assertThat(check(threshold("CES", "CES_AGREEMENT", "BELOW", 4.0, 4), WEEK, buckets, List.of()).breached())
                .as("n below minN").isFalse();
        assertThat(check(threshold("CES", "CES_AGREEMENT", "BELOW", 1.2, 3), WEEK, buckets, List.of()).breached())
                .isFalse();
        assertThat(check(threshold("CES", "CES_EFFORT", "BELOW", 4.0, 3), WEEK, buckets, List.of()).breached())
                .as("another scoring's answers never count").isFalse();
    }

    @Test
    void csatThresholdUsesTheShareSatisfiedOfTheScaleWithMostAnswers() {
        // 1-5: 4 answers, 1 of them satisfied; 1-7: 10 answers, 6 satisfied (6 or 7)
        List<MetricBucket> buckets = List.of(
                ces("CSAT", 1, 5, 4, 10, 34, Map.of(5, 1L, 2, 2L, 1, 1L)),
                ces("CSAT", 1, 7, 10, 55, 319, Map.of(7, 3L, 6, 3L, 4, 4L)));

        RuleCheck.Result result = check(threshold("CSAT", "CSAT", "BELOW", 0.7, 2), WEEK, buckets, List.of());

        assertThat(result.breached()).isTrue();
        assertThat(result.observation().value()).as("a share, 0-1").isCloseTo(0.6, within(1e-9));
        assertThat(result.observation().scaleMax()).isEqualTo(7);
        assertThat(result.observation().ci95Low()).isLessThan(0.6).isGreaterThan(0);
        assertThat(result.observation().ci95High()).isGreaterThan(0.6).isLessThan(1);
    }

    @Test
    void significantDropNeedsAWorseMeanALowPValueAndEnoughAnswersInBothWindows() {
        // previous 7,7,6,7,6 (mean 6.6), current 2,3,2,1,2 (mean 2): t = -11.5
        List<MetricBucket> previous = List.of(ces("CES_AGREEMENT", 1, 7, 5, 33, 219, Map.of(7, 3L, 6, 2L)));
        List<MetricBucket> current = List.of(ces("CES_AGREEMENT", 1, 7, 5, 10, 22, Map.of(1, 1L, 2, 3L, 3, 1L)));

        RuleCheck.Result drop = check(drop("CES_AGREEMENT", 5), WEEK, current, previous);
        assertThat(drop.breached()).isTrue();
        assertThat(drop.observation().value()).isCloseTo(2.0, within(1e-9));
        assertThat(drop.observation().previousValue()).isCloseTo(6.6, within(1e-9));
        assertThat(drop.observation().previousN()).isEqualTo(5);
        assertThat(drop.observation().pValue()).isLessThan(0.001);

        assertThat(check(drop("CES_AGREEMENT", 6), WEEK, current, previous).breached()).isFalse();
        assertThat(check(drop("CES_AGREEMENT", 5), WEEK, previous, current).breached())
                .as("a rise is no drop").isFalse();
    }

    @Test
    void onTheEffortScaleAHigherMeanIsTheDrop() {
        List<MetricBucket> easy = List.of(ces("CES_EFFORT", 1, 5, 5, 7, 11, Map.of(1, 3L, 2, 2L)));
        List<MetricBucket> hard = List.of(ces("CES_EFFORT", 1, 5, 5, 23, 107, Map.of(5, 3L, 4, 2L)));

        assertThat(check(drop("CES_EFFORT", 5), WEEK, hard, easy).breached()).isTrue();
        assertThat(check(drop("CES_EFFORT", 5), WEEK, easy, hard).breached()).isFalse();
    }

    @Test
    void noAnswersNeverHold() {
        RuleCheck.Result result = check(threshold("NPS", "NPS", "BELOW", 0.0, 2), WEEK, List.of(), List.of());

        assertThat(result.breached()).isFalse();
        assertThat(result.observation().n()).isZero();
        assertThat(result.observation().value()).isNull();
    }

    @Test
    void aDropSmallerThanTheMinimumEffectIsNoAlert() {
        // 400 answers a window; the mean falls from 5.5 to 5.3 on 1–7: significant, but under 5% of the span (0.3)
        List<MetricBucket> before = List.of(ces("CES_AGREEMENT", 1, 7, 400, 2200, 12300, Map.of(5, 200L, 6, 200L)));
        List<MetricBucket> after = List.of(ces("CES_AGREEMENT", 1, 7, 400, 2120, 11320, Map.of(5, 280L, 6, 120L)));

        assertThat(check(drop("CES_AGREEMENT", 30), WEEK, after, before).observation().pValue()).isLessThan(1e-5);
        assertThat(check(drop("CES_AGREEMENT", 30), WEEK, after, before).breached()).isFalse();
        assertThat(RuleCheck.check(drop("CES_AGREEMENT", 30), WEEK, after, before, 0.05, 0.0).breached()).isTrue();
    }

    /** The default early-warning settings: 5% false discovery rate, 5% of the range as the minimum effect. */
    private static RuleCheck.Result check(AlertRule rule, RuleCheck.Windows windows, List<MetricBucket> current,
            List<MetricBucket> previous) {
        return RuleCheck.check(rule, windows, current, previous, 0.05, 0.05);
    }

    private static MetricBucket ces(String scoring, int min, int max, long n, long sum, long sumSquares,
            Map<Integer, Long> histogram) {
        return new MetricBucket("ws", scoring.startsWith("CES") ? "CES" : scoring, scoring, min, max, TODAY, n, sum,
                sumSquares, histogram);
    }

    private static AlertRule threshold(String metric, String scoring, String operator, double value, int minN) {
        return rule(metric, scoring, AlertRule.THRESHOLD, operator, value, minN);
    }

    private static AlertRule drop(String scoring, int minN) {
        return rule("CES", scoring, AlertRule.SIGNIFICANT_DROP, null, null, minN);
    }

    private static AlertRule rule(String metric, String scoring, String condition, String operator, Double value,
            int minN) {
        return new AlertRule("ar_1", "ws", "r", metric, scoring, "workspace", "ws", null, condition, operator, value,
                minN, 7, true, 1, Instant.EPOCH, Instant.EPOCH, "alice");
    }
}
