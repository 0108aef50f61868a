package io.effortmap.metrics.aggregate.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.effortmap.metrics.feed.client.ResponseFeedPage.Answer;
import io.effortmap.metrics.feed.client.ResponseFeedPage.ResponseEvent;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BucketPlannerTest {

    private static ResponseEvent event(String position, int ces, String comment) {
        return new ResponseEvent(position, "r" + position, "ws", "s", "j", "tp", "web", "c", Map.of(),
                Instant.parse("2026-11-01T10:00:00Z"), Instant.parse("2026-11-01T10:00:01Z"),
                List.of(new Answer("ces", "CES", 1, 7, "CES_AGREEMENT", ces, null),
                        new Answer("why", "COMMENT", 0, 0, "TEXT", null, comment)));
    }

    @Test
    void sumsScoredAnswersPerBucketAndIgnoresComments() {
        Collection<BucketDelta> deltas = BucketPlanner.plan(List.of(event("01", 6, "ok"), event("02", 3, null)), Map.of());

        assertThat(deltas).singleElement().satisfies(d -> {
            assertThat(d.n()).isEqualTo(2);
            assertThat(d.sum()).isEqualTo(9);
            assertThat(d.sumSquares()).isEqualTo(45);
            assertThat(d.histogram()).containsExactlyInAnyOrderEntriesOf(Map.of(3, 1L, 6, 1L));
            assertThat(d.position()).isEqualTo("02");
            assertThat(d.key().id()).isEqualTo("ws|j|tp|CES|CES_AGREEMENT|1-7|2026-11-01");
        });
    }

    @Test
    void answersAtOrBelowTheBucketsAppliedPositionAreNotCountedAgain() {
        List<ResponseEvent> replayedPage = List.of(event("01", 6, null), event("02", 3, null), event("03", 7, null));
        String id = BucketPlanner.keys(replayedPage).getFirst().id();

        Collection<BucketDelta> deltas = BucketPlanner.plan(replayedPage, Map.of(id, "02"));

        assertThat(deltas).singleElement().satisfies(d -> {
            assertThat(d.n()).isEqualTo(1);
            assertThat(d.sum()).isEqualTo(7);
            assertThat(d.position()).isEqualTo("03");
        });
    }

    @Test
    void fullyAppliedPageProducesNoWrites() {
        List<ResponseEvent> page = List.of(event("01", 6, null));
        String id = BucketPlanner.keys(page).getFirst().id();

        assertThat(BucketPlanner.plan(page, Map.of(id, "01"))).isEmpty();
    }
}
