package io.effortmap.metrics.aggregate.service;

import io.effortmap.metrics.feed.client.InteractionFeedPage.InteractionEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns interaction feed items into increments of {@code INTERACTIONS} buckets (count, per-outcome counts, duration
 * sums) per journey, stage and touchpoint, per day, week and month; same exactly-once rule as {@link BucketPlanner}.
 */
@ApplicationScoped
public class InteractionPlanner {

    public static final String METRIC = "INTERACTIONS";
    private static final String SCALE = "interactions";
    /** Outcomes become field names, so anything outside journey-service's vocabulary shape is counted as other. */
    private static final Pattern OUTCOME = Pattern.compile("[a-z_]{1,40}");

    private final BucketPlanner responses;

    public InteractionPlanner(BucketPlanner responses) {
        this.responses = responses;
    }

    public List<AggregateKey> keys(Collection<InteractionEvent> events) {
        return events.stream().flatMap(e -> keysOf(e).stream()).distinct().toList();
    }

    public Collection<AggregateDelta> plan(Collection<InteractionEvent> events, Map<String, String> appliedPositions) {
        Map<String, AggregateDelta> deltas = new LinkedHashMap<>();
        for (InteractionEvent event : events) {
            for (AggregateKey key : keysOf(event)) {
                String applied = appliedPositions.get(key.id());
                if (applied != null && event.position().compareTo(applied) <= 0) {
                    continue;
                }
                deltas.computeIfAbsent(key.id(), id -> new AggregateDelta(key))
                        .addInteraction(SCALE, outcome(event.outcome()), event.durationSeconds(), event.position());
            }
        }
        return deltas.values();
    }

    /** The day (in the workspace's zone) of an interaction; null when it cannot be placed. */
    public LocalDate day(InteractionEvent event) {
        if (event.workspace() == null || event.occurredAt() == null) {
            return null;
        }
        return event.occurredAt().atZone(responses.dimensions().zone(event.workspace())).toLocalDate();
    }

    public static String stageScopeId(String journeyId, String stageId) {
        return journeyId + "/" + stageId;
    }

    private List<AggregateKey> keysOf(InteractionEvent event) {
        if (event.workspace() == null || event.journeyId() == null || event.occurredAt() == null) {
            return List.of();
        }
        LocalDate day = event.occurredAt().atZone(responses.dimensions().zone(event.workspace())).toLocalDate();
        List<String[]> scopes = new ArrayList<>();
        scopes.add(new String[] {Scope.JOURNEY.name(), event.journeyId()});
        if (event.stageId() != null) {
            scopes.add(new String[] {Scope.STAGE.name(), stageScopeId(event.journeyId(), event.stageId())});
        }
        if (event.touchpointId() != null) {
            scopes.add(new String[] {Scope.TOUCHPOINT.name(),
                    BucketPlanner.touchpointScopeId(event.journeyId(), event.touchpointId())});
        }
        List<AggregateKey> keys = new ArrayList<>();
        for (String[] scope : scopes) {
            for (Granularity granularity : Granularity.values()) {
                keys.add(new AggregateKey(event.workspace(), Scope.valueOf(scope[0]), scope[1], event.journeyId(),
                        AggregateKey.ALL, METRIC, SCALE, 0, 0, SCALE, granularity, granularity.start(day)));
            }
        }
        return keys;
    }

    private static String outcome(String outcome) {
        return outcome != null && OUTCOME.matcher(outcome).matches() ? outcome : "other";
    }
}
