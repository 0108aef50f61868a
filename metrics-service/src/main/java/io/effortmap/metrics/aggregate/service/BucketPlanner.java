package io.effortmap.metrics.aggregate.service;

import io.effortmap.metrics.feed.client.ResponseFeedPage.Answer;
import io.effortmap.metrics.feed.client.ResponseFeedPage.ResponseEvent;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns feed events into per-bucket increments. Pure, so the exactly-once rules can be tested without a store. */
public final class BucketPlanner {

    private static final Set<String> SCORED = Set.of("CES", "CSAT", "NPS");

    private BucketPlanner() {
    }

    public static List<BucketKey> keys(Collection<ResponseEvent> events) {
        return events.stream()
                .flatMap(e -> e.answers().stream().filter(BucketPlanner::scored).map(a -> key(e, a)))
                .distinct()
                .toList();
    }

    /**
     * Increments for every answer not yet applied: an answer is already in a bucket when its event position is at or
     * below the position stored with that bucket (feed order is total and buckets are written in that order).
     */
    public static Collection<BucketDelta> plan(Collection<ResponseEvent> events, Map<String, String> appliedPositions) {
        Map<String, BucketDelta> deltas = new LinkedHashMap<>();
        for (ResponseEvent event : events) {
            for (Answer answer : event.answers()) {
                if (!scored(answer)) {
                    continue;
                }
                BucketKey key = key(event, answer);
                String applied = appliedPositions.get(key.id());
                if (applied != null && event.position().compareTo(applied) <= 0) {
                    continue;
                }
                deltas.computeIfAbsent(key.id(), id -> new BucketDelta(key)).add(answer.score(), event.position());
            }
        }
        return deltas.values();
    }

    private static boolean scored(Answer answer) {
        return SCORED.contains(answer.kind()) && answer.score() != null && answer.scaleMin() != null
                && answer.scaleMax() != null;
    }

    private static BucketKey key(ResponseEvent event, Answer answer) {
        return new BucketKey(event.workspace(), event.journeyId(), event.touchpointId(), answer.kind(), answer.scoring(),
                answer.scaleMin(), answer.scaleMax(), event.occurredAt().atZone(ZoneOffset.UTC).toLocalDate());
    }
}
