package io.effortmap.metrics.aggregate.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ChangeDetectorTest {

    private static final double[] CES = {0.02, 0.03, 0.05, 0.10, 0.20, 0.30, 0.30};
    private static final double[] NPS = {0.03, 0.01, 0.02, 0.03, 0.03, 0.08, 0.05, 0.10, 0.20, 0.20, 0.25};
    private static final ChangeDetector.Settings SETTINGS = new ChangeDetector.Settings(0.05, 30);

    @Test
    void withoutRealChangesReportsWithAnAlarmStayAtOrBelowTheFalseDiscoveryRate() {
        // 2,000 monthly reports of 8 touchpoints x (CES 1–7, NPS 0–10): 32 tests each, both periods from one
        // distribution. No minimum effect, so only the correction stands between chance and an alarm.
        SplittableRandom random = new SplittableRandom(20261203);
        int reports = 2000;
        int adjustedAlarms = 0;
        int rawAlarms = 0;
        for (int r = 0; r < reports; r++) {
            List<ChangeDetector.Comparison> comparisons = new ArrayList<>();
            for (int tp = 0; tp < 8; tp++) {
                int n = 40 + random.nextInt(300);
                comparisons.add(new ChangeDetector.Comparison(sample("CES_AGREEMENT", 1, CES, n, random),
                        sample("CES_AGREEMENT", 1, CES, n, random), 0));
                comparisons.add(new ChangeDetector.Comparison(sample("NPS", 0, NPS, n, random),
                        sample("NPS", 0, NPS, n, random), 0));
            }
            List<ChangeDetector.Assessment> assessed = ChangeDetector.assess(comparisons, SETTINGS);
            if (assessed.stream().anyMatch(ChangeDetector.Assessment::significantDrop)) {
                adjustedAlarms++;
            }
            if (assessed.stream().anyMatch(ChangeDetectorTest::rawAlarm)) {
                rawAlarms++;
            }
        }
        // Under no change the false discovery rate is the chance of any alarm: at most 5% (one-sided, so about half).
        assertThat((double) adjustedAlarms / reports).isLessThanOrEqualTo(0.05);
        // Uncorrected, the same reports raise an alarm most months: the correction is what keeps them quiet.
        assertThat((double) rawAlarms / reports).isGreaterThan(0.4);
    }

    @Test
    void aRealDropAmongManyTouchpointsIsStillFound() {
        SplittableRandom random = new SplittableRandom(7);
        List<ChangeDetector.Comparison> comparisons = new ArrayList<>();
        for (int tp = 0; tp < 15; tp++) {
            comparisons.add(new ChangeDetector.Comparison(sample("CES_AGREEMENT", 1, CES, 200, random),
                    sample("CES_AGREEMENT", 1, CES, 200, random), 0.05));
        }
        double[] worse = {0.10, 0.10, 0.15, 0.15, 0.20, 0.15, 0.15};
        comparisons.add(new ChangeDetector.Comparison(sample("CES_AGREEMENT", 1, CES, 200, random),
                sample("CES_AGREEMENT", 1, worse, 200, random), 0.05));

        ChangeDetector.Assessment drop = ChangeDetector.assess(comparisons, SETTINGS).getLast();

        assertThat(drop.significantDrop()).isTrue();
        assertThat(drop.mean().worse()).isTrue();
        assertThat(drop.mean().adjustedPValue()).isGreaterThanOrEqualTo(drop.mean().pValue()).isLessThan(0.05);
        assertThat(drop.headline().figure()).isEqualTo("easyShare");
        assertThat(drop.headline().difference()).isNegative();
    }

    @Test
    void aTinyChangeOnAHugeSampleIsSignificantButNoAlarm() {
        // 200,000 answers a period; the mean falls by about 0.05 points on 1–7, far below 5% of the scale (0.3)
        ChangeDetector.Comparison tiny = new ChangeDetector.Comparison(
                figure("CES_AGREEMENT", 1, Map.of(4, 60_000L, 5, 70_000L, 6, 70_000L)),
                figure("CES_AGREEMENT", 1, Map.of(4, 65_000L, 5, 70_000L, 6, 65_000L)), 0.05);

        ChangeDetector.Assessment assessed = ChangeDetector.assess(List.of(tiny), SETTINGS).getFirst();

        assertThat(assessed.mean().adjustedPValue()).isLessThan(1e-9);
        assertThat(assessed.mean().practical()).isFalse();
        assertThat(assessed.significantDrop()).isFalse();
        ChangeDetector.Comparison noMinimum = new ChangeDetector.Comparison(tiny.previous(), tiny.current(), 0);
        assertThat(ChangeDetector.assess(List.of(noMinimum), SETTINGS).getFirst().significantDrop()).isTrue();
    }

    @Test
    void npsCanDropWhileItsMeanHoldsAndTheHeadlineTestFindsIt() {
        // 9s become 8s (promoters to passives) and 5s become 6s (still detractors): the mean stays 7, NPS 0 → −50
        ChangeDetector.Comparison shift = new ChangeDetector.Comparison(
                figure("NPS", 0, Map.of(5, 300L, 9, 300L)),
                figure("NPS", 0, Map.of(6, 300L, 8, 300L)), 0.05);

        ChangeDetector.Assessment assessed = ChangeDetector.assess(List.of(shift), SETTINGS).getFirst();

        assertThat(assessed.headline().figure()).isEqualTo("nps");
        assertThat(assessed.headline().difference()).isCloseTo(-50.0, within(1e-9));
        assertThat(assessed.headline().worse()).isTrue();
        assertThat(assessed.mean().difference()).isCloseTo(0.0, within(1e-12));
        assertThat(assessed.mean().worse()).isFalse();
        assertThat(assessed.significantDrop()).isTrue();
    }

    @Test
    void higherMeansAreWorseOnTheEffortScale() {
        ChangeDetector.Comparison harder = new ChangeDetector.Comparison(
                figure("CES_EFFORT", 1, Map.of(1, 60L, 2, 30L, 4, 10L)),
                figure("CES_EFFORT", 1, Map.of(1, 20L, 2, 30L, 4, 50L)), 0.05);

        ChangeDetector.Assessment assessed = ChangeDetector.assess(List.of(harder), SETTINGS).getFirst();

        assertThat(assessed.mean().difference()).isPositive();
        assertThat(assessed.mean().worse()).isTrue();
        assertThat(assessed.headline().worse()).isTrue();
        assertThat(assessed.significantDrop()).isTrue();
    }

    @Test
    void aWorkspacesOwnMinimumEffectWinsOverTheMetricsAndTheDefault() {
        ChangePolicy policy = new ChangePolicy(0.05, 30, 0.05, List.of("NPS=0.1", "acme:NPS=0.02", "acme:CES=0"));

        assertThat(policy.minimumEffect("acme", "NPS")).isEqualTo(0.02);
        assertThat(policy.minimumEffect("globex", "NPS")).isEqualTo(0.1);
        assertThat(policy.minimumEffect("acme", "CES")).isEqualTo(0.0);
        assertThat(policy.minimumEffect("acme", "CSAT")).isEqualTo(0.05);
    }

    @Test
    void malformedEarlyWarningSettingsStopStartup() {
        assertThatThrownBy(() -> new ChangePolicy(0.05, 30, 0.05, List.of("NPS")))
                .hasMessageContaining("[workspace:]METRIC=fraction");
        assertThatThrownBy(() -> new ChangePolicy(0.05, 30, 0.05, List.of("CES=lots")))
                .hasMessageContaining("not a number");
        assertThatThrownBy(() -> new ChangePolicy(0.05, 30, 0.05, List.of("ces=0.1")))
                .hasMessageContaining("CES, CSAT or NPS");
        assertThatThrownBy(() -> new ChangePolicy(1.5, 30, 0.05, List.of())).hasMessageContaining("EARLY_WARNING_FDR");
        assertThatThrownBy(() -> new ChangePolicy(0.05, 30, 2, List.of()))
                .hasMessageContaining("EARLY_WARNING_MINIMUM_EFFECT");
    }

    private static boolean rawAlarm(ChangeDetector.Assessment a) {
        return raw(a.mean()) || raw(a.headline());
    }

    private static boolean raw(ChangeDetector.Test test) {
        return test != null && test.worse() && test.pValue() < 0.05;
    }

    private static MetricFigure sample(String scoring, int min, double[] p, int n, SplittableRandom random) {
        Map<Integer, Long> histogram = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            int k = 0;
            while (k < p.length - 1 && (u -= p[k]) > 0) {
                k++;
            }
            histogram.merge(min + k, 1L, Long::sum);
        }
        return figure(scoring, min, histogram);
    }

    private static MetricFigure figure(String scoring, int min, Map<Integer, Long> histogram) {
        long n = 0;
        long sum = 0;
        long squares = 0;
        for (Map.Entry<Integer, Long> e : histogram.entrySet()) {
            n += e.getValue();
            sum += e.getKey() * e.getValue();
            squares += (long) e.getKey() * e.getKey() * e.getValue();
        }
        int max = switch (scoring) {
            case "NPS" -> 10;
            case "CES_EFFORT" -> 5;
            default -> 7;
        };
        return FigureCalculator.figure(scoring, min, max, n, sum, squares, histogram, 30);
    }
}
