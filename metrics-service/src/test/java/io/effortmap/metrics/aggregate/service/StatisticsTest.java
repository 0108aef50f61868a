package io.effortmap.metrics.aggregate.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Known answers worked out by hand, checked against published tables, or printed by the NumPy/SciPy reference
 * {@code src/test/resources/reference/statistics_reference.py} (run it to see each figure).
 */
class StatisticsTest {

    @Test
    void meanIntervalOfFiveScoresMatchesTheReference() {
        // 5,6,7,4,6 on 1–7 (Σ 28, Σ² 162); the t-interval would reach 7.016, above the scale
        Statistics.Interval ci = Statistics.meanInterval(1, 7, 5, 28, 162);
        assertThat(ci.low()).isCloseTo(3.8910742688, within(1e-9));
        assertThat(ci.high()).isCloseTo(6.7755923978, within(1e-9));
    }

    @Test
    void meanIntervalOfTwoOppositeNpsAnswersIsTheWholeScale() {
        // 0 and 10: the t-interval was −58.5..68.5
        Statistics.Interval ci = Statistics.meanInterval(0, 10, 2, 10, 100);
        assertThat(ci.low()).isEqualTo(0.0);
        assertThat(ci.high()).isEqualTo(10.0);
    }

    @Test
    void identicalAnswersDoNotGiveAZeroWidthInterval() {
        // Three 7s: the t-interval was 7..7
        Statistics.Interval three = Statistics.meanInterval(1, 7, 3, 21, 147);
        assertThat(three.low()).isCloseTo(3.0955363331, within(1e-9));
        assertThat(three.high()).isEqualTo(7.0);
        // Forty 1s on the 1–5 effort scale: narrow, but still open to a harder answer
        Statistics.Interval forty = Statistics.meanInterval(1, 5, 40, 40, 40);
        assertThat(forty.low()).isEqualTo(1.0);
        assertThat(forty.high()).isCloseTo(1.1672014829, within(1e-9));
    }

    @Test
    void noMeanIntervalBelowTwoObservations() {
        assertThat(Statistics.meanInterval(1, 7, 1, 6, 36)).isNull();
    }

    @Test
    void proportionIntervalsStayWithinZeroAndOne() {
        Statistics.Interval all = Statistics.wilsonShare(10, 10);
        assertThat(all.low()).isCloseTo(0.7224672001, within(1e-9));
        assertThat(all.high()).isEqualTo(1.0);
        for (int n = 1; n <= 400; n++) {
            for (int s : new int[] {0, 1, n - 1, n}) {
                Statistics.Interval ci = Statistics.wilsonShare(s, n);
                assertThat(ci.low()).as("%d of %d", s, n).isBetween(0.0, 1.0);
                assertThat(ci.high()).as("%d of %d", s, n).isBetween(0.0, 1.0);
            }
        }
    }

    @Test
    void newcombeIntervalOfADifferenceOfProportionsMatchesThePublishedExample() {
        // Newcombe (1998), example (a): 56/70 − 48/80, method 10: +0.0524 to +0.3339; pooled z-test p from SciPy
        Statistics.DifferenceTest test = Statistics.proportionDifference(56, 70, 48, 80);
        assertThat(test.difference()).isCloseTo(0.2, within(1e-12));
        assertThat(test.ci95().low()).isCloseTo(0.0524314724, within(1e-9));
        assertThat(test.ci95().high()).isCloseTo(0.3338726540, within(1e-9));
        assertThat(test.pValue()).isCloseTo(0.0080450814, within(1e-9));
    }

    @Test
    void npsDifferenceUsesTheAdjustedWaldMethod() {
        // 50 promoters, 20 detractors of 100 against 30 and 30 of 90
        Statistics.DifferenceTest test = Statistics.npsDifference(50, 20, 100, 30, 30, 90);
        assertThat(test.difference()).isCloseTo(30.0, within(1e-9));
        assertThat(test.ci95().low()).isCloseTo(6.7563504070, within(1e-7));
        assertThat(test.ci95().high()).isCloseTo(51.4960767774, within(1e-7));
        assertThat(test.pValue()).isCloseTo(0.0107127975, within(1e-9));
    }

    @Test
    void benjaminiHochbergMatchesSciPy() {
        assertThat(Statistics.benjaminiHochberg(new double[] {0.01, 0.04, 0.03, 0.005, 0.2, 0.04}))
                .containsExactly(new double[] {0.03, 0.048, 0.048, 0.03, 0.2, 0.048}, within(1e-12));
    }

    @Test
    void wilsonIntervalOfEightOutOfTenIsAFraction() {
        Statistics.Interval ci = Statistics.wilsonShare(8, 10);
        assertThat(ci.low()).isCloseTo(0.490163, within(1e-5));
        assertThat(ci.high()).isCloseTo(0.943318, within(1e-5));
    }

    @Test
    void adjustedWaldNpsInterval() {
        // 50 promoters, 20 detractors of 100: pro' = 50.75/103, det' = 20.75/103, nps' = 0.291262,
        // var = (0.694175 - 0.084834) / 103 = 0.0059159, half = 1.959964 * 0.076915 = 0.150750
        Statistics.Interval ci = Statistics.npsInterval(50, 20, 100);
        assertThat(ci.low()).isCloseTo(14.0512, within(1e-3));
        assertThat(ci.high()).isCloseTo(44.2012, within(1e-3));
    }

    @Test
    void pearsonFromSums() {
        // x 1..5, y 2,4,5,4,5: Σx 15, Σy 20, Σx² 55, Σy² 86, Σxy 66.
        // r = (5·66 − 15·20) / √((5·55 − 225)(5·86 − 400)) = 30 / √(50·30) = 0.7745967
        assertThat(Statistics.pearson(5, 15, 20, 55, 86, 66)).isCloseTo(0.7745966692, within(1e-9));
    }

    @Test
    void pearsonIsUndefinedForAConstantVariable() {
        assertThat(Statistics.pearson(3, 15, 6, 75, 14, 30)).isNull();
    }

    @Test
    void spearmanWithTiesUsesMidRanks() {
        // pairs (1,1) (2,3) (2,2) (3,2) (3,4) (3,4) (5,5)
        // x mid-ranks: 1→1, 2→2.5, 3→5, 5→7; y mid-ranks: 1→1, 2→2.5, 3→4, 4→5.5, 5→7
        // rank pairs (1,1) (2.5,4) (2.5,2.5) (5,2.5) (5,5.5) (5,5.5) (7,7); Pearson of those = 0.8289098
        Map<Integer, Map<Integer, Long>> joint = new TreeMap<>();
        joint.put(1, Map.of(1, 1L));
        joint.put(2, Map.of(3, 1L, 2, 1L));
        joint.put(3, Map.of(2, 1L, 4, 2L));
        joint.put(5, Map.of(5, 1L));
        assertThat(Statistics.spearman(joint)).isCloseTo(0.8289098282, within(1e-9));
    }

    @Test
    void spearmanIntervalWithTiesIsTheUnionOfTheJackknifeAndFiellerIntervals() {
        // 12 pairs on 1–5 with heavy ties; jackknife by leaving out each observation with scipy.stats.spearmanr
        int[] xs = {1, 2, 2, 3, 3, 3, 5, 4, 5, 5, 1, 2};
        int[] ys = {1, 3, 2, 2, 4, 4, 5, 5, 4, 5, 2, 1};
        Map<Integer, Map<Integer, Long>> joint = new TreeMap<>();
        for (int i = 0; i < xs.length; i++) {
            joint.computeIfAbsent(xs[i], k -> new TreeMap<>()).merge(ys[i], 1L, Long::sum);
        }
        assertThat(Statistics.spearman(joint)).isCloseTo(0.8516483516, within(1e-9));
        Statistics.Interval ci = Statistics.spearmanInterval(joint);
        assertThat(ci.low()).isCloseTo(0.5150672367, within(1e-9));
        assertThat(ci.high()).isCloseTo(0.9606789956, within(1e-9));
    }

    @Test
    void welchTestFromSums() {
        // a = 5,6,7,4,6 (n 5, Σ 28, Σ² 162): mean 5.6, s² 1.3; b = 3,4,2,5,3,4 (n 6, Σ 21, Σ² 79): mean 3.5, s² 1.1
        // se² = 1.3/5 + 1.1/6 = 0.443333; t = 2.1 / 0.665833 = 3.153945
        // df = 0.443333² / (0.26²/4 + 0.183333²/5) = 8.320320; two-sided p = 0.012862
        Statistics.WelchTest test = Statistics.welch(5, 28, 162, 6, 21, 79);
        assertThat(test.difference()).isCloseTo(2.1, within(1e-12));
        assertThat(test.t()).isCloseTo(3.153944898, within(1e-8));
        assertThat(test.degreesOfFreedom()).isCloseTo(8.320319849, within(1e-8));
        assertThat(test.pValue()).isCloseTo(0.0128623842, within(1e-8));
        // scipy.stats.ttest_ind(equal_var=False).confidence_interval()
        assertThat(test.ci95().low()).isCloseTo(0.5748152685, within(1e-8));
        assertThat(test.ci95().high()).isCloseTo(3.6251847315, within(1e-8));
    }

    @Test
    void welchIsUndefinedWithoutVarianceOrWithASingleObservation() {
        assertThat(Statistics.welch(3, 15, 75, 3, 12, 48)).isNull();
        assertThat(Statistics.welch(1, 5, 25, 3, 12, 50)).isNull();
    }

    @Test
    void fisherIntervalOfACorrelation() {
        // r 0.5, n 28: z = atanh(0.5) = 0.549306, half = 1.959964 / 5 = 0.391993 → tanh(0.157313), tanh(0.941299)
        Statistics.Interval ci = Statistics.pearsonInterval(0.5, 28);
        assertThat(ci.low()).isCloseTo(0.1560283625, within(1e-9));
        assertThat(ci.high()).isCloseTo(0.7358184794, within(1e-9));
    }
}
