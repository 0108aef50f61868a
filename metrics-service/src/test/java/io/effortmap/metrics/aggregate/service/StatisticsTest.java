package io.effortmap.metrics.aggregate.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Known answers worked out by hand (and checked against published tables). */
class StatisticsTest {

    @Test
    void tIntervalOfFiveScores() {
        // 5,6,7,4,6: mean 5.6, s² = 1.3, se = 0.50990, t(0.975, 4) = 2.776445
        Statistics.Interval ci = Statistics.meanInterval(5, 28, 162);
        assertThat(ci.low()).isCloseTo(4.1842852, within(1e-6));
        assertThat(ci.high()).isCloseTo(7.0157148, within(1e-6));
    }

    @Test
    void noMeanIntervalBelowTwoObservations() {
        assertThat(Statistics.meanInterval(1, 6, 36)).isNull();
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
    void midRanksAverageTheRanksOfTies() {
        assertThat(Statistics.midRanks(Map.of(1, 1L, 2, 2L, 3, 3L, 5, 1L)))
                .containsExactlyInAnyOrderEntriesOf(Map.of(1, 1.0, 2, 2.5, 3, 5.0, 5, 7.0));
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
    }

    @Test
    void welchIsUndefinedWithoutVarianceOrWithASingleObservation() {
        assertThat(Statistics.welch(3, 15, 75, 3, 12, 48)).isNull();
        assertThat(Statistics.welch(1, 5, 25, 3, 12, 50)).isNull();
    }

    @Test
    void fisherIntervalOfACorrelation() {
        // r 0.5, n 28: z = atanh(0.5) = 0.549306, half = 1.959964 / 5 = 0.391993 → tanh(0.157313), tanh(0.941299)
        Statistics.Interval ci = Statistics.correlationInterval(0.5, 28, 1.0);
        assertThat(ci.low()).isCloseTo(0.1560283625, within(1e-9));
        assertThat(ci.high()).isCloseTo(0.7358184794, within(1e-9));
    }
}
