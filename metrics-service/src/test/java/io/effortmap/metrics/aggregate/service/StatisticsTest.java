package io.effortmap.metrics.aggregate.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
    void wilsonIntervalOfEightOutOfTen() {
        Statistics.Interval ci = Statistics.wilson(8, 10);
        assertThat(ci.low()).isCloseTo(49.0163, within(1e-3));
        assertThat(ci.high()).isCloseTo(94.3318, within(1e-3));
    }

    @Test
    void adjustedWaldNpsInterval() {
        // 50 promoters, 20 detractors of 100: pro' = 50.75/103, det' = 20.75/103, nps' = 0.291262,
        // var = (0.694175 - 0.084834) / 103 = 0.0059159, half = 1.959964 * 0.076915 = 0.150750
        Statistics.Interval ci = Statistics.npsInterval(50, 20, 100);
        assertThat(ci.low()).isCloseTo(14.0512, within(1e-3));
        assertThat(ci.high()).isCloseTo(44.2012, within(1e-3));
    }
}
