package io.effortmap.metrics.aggregate.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.effortmap.metrics.feed.client.InteractionFeedPage.InteractionEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InteractionPlannerTest {

    private final InteractionPlanner planner = new InteractionPlanner(
            new BucketPlanner(new Dimensions(List.of(), Map.of())));

    private static InteractionEvent event(String position, String outcome, Integer duration) {
        return new InteractionEvent(position, "ix" + position, "ws", "c1", "j", "tp", "st", "web",
                Instant.parse("2026-11-01T10:00:00Z"), outcome, duration, Map.of(), null);
    }

    @Test
    void countsOutcomesAndDurationsPerJourneyStageAndTouchpoint() {
        Collection<AggregateDelta> deltas = planner.plan(List.of(event("1", "resolved", 60), event("2", "resolved", null),
                event("3", "escalated", 30)), Map.of());

        assertThat(deltas).hasSize(3 * 3);
        AggregateDelta stageDay = deltas.stream().filter(d -> d.key().scope() == Scope.STAGE
                && d.key().granularity() == Granularity.DAY).findFirst().orElseThrow();
        assertThat(stageDay.key().scopeId()).isEqualTo("j/st");
        assertThat(stageDay.key().period()).isEqualTo(LocalDate.parse("2026-11-01"));
        assertThat(stageDay.increments("interactions")).containsExactlyInAnyOrderEntriesOf(Map.of("n", 3L, "outcome.resolved", 2L,
                "outcome.escalated", 1L, "durN", 2L, "durSum", 90L));
        assertThat(stageDay.position()).isEqualTo("3");
    }

    @Test
    void outcomesOutsideTheVocabularyShapeCannotBecomeFieldPaths() {
        Collection<AggregateDelta> deltas = planner.plan(List.of(event("1", "$set.x", null)), Map.of());

        assertThat(deltas).allSatisfy(d -> assertThat(d.increments("interactions")).containsEntry("outcome.other", 1L));
    }

    @Test
    void interactionsAlreadyInABucketAreNotCountedAgain() {
        List<InteractionEvent> page = List.of(event("1", "resolved", null), event("2", "abandoned", null));
        Map<String, String> applied = new HashMap<>();
        planner.keys(page).forEach(k -> applied.put(k.id(), "1"));

        assertThat(planner.plan(page, applied)).allSatisfy(d -> assertThat(d.increments("interactions"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("n", 1L, "outcome.abandoned", 1L)));
    }
}
