package io.effortmap.common.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When a waiting request is given up on, with the defaults: deadline 1.5 s, two missed pings 1 s. */
class StoreDeadlineTest {

    private static final long MS = 1_000_000;
    private static final long DEADLINE = 1500 * MS;
    private static final long MISSED_PINGS = 1000 * MS;

    private static long until(long waitedMs, long silenceMs) {
        return StoreDeadline.untilUnavailable(waitedMs * MS, silenceMs * MS, DEADLINE, MISSED_PINGS) / MS;
    }

    @Test
    void aRequestArrivingAtAStallIsAnsweredWhenTheStoreHasBeenSilentForTheDeadline() {
        assertThat(until(0, 0)).isEqualTo(1500);
        assertThat(until(1499, 1499)).isEqualTo(1);
        assertThat(until(1500, 1500)).isLessThanOrEqualTo(0);
    }

    @Test
    void aRequestCaughtByAStallWhileItWaitsIsAnsweredWithinTheDeadlineOfItsOwnStart() {
        // Sent 600 ms before the store went silent: the store-silence rule alone would answer it after 2.1 s.
        assertThat(until(600, 0)).isEqualTo(1000);
        assertThat(until(1600, 1000)).isLessThanOrEqualTo(0);
        assertThat(until(1500, 900)).isEqualTo(100);
    }

    @Test
    void aSlowRequestOnAStoreThatStillAnswersPingsIsNotCutShort() {
        assertThat(until(5000, 400)).isEqualTo(600);
        assertThat(until(60_000, 999)).isEqualTo(1);
    }

    @Test
    void aStoreThatNeverAnsweredFailsRequestsAtOnce() {
        assertThat(StoreDeadline.untilUnavailable(0, Long.MAX_VALUE, DEADLINE, MISSED_PINGS)).isLessThanOrEqualTo(0);
    }
}
