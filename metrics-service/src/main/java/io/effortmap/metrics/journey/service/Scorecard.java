package io.effortmap.metrics.journey.service;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Every stage and touchpoint of a journey with its CES, CSAT and NPS figures (one per scale) over a period. */
public record Scorecard(String journeyId, String name, long version, LocalDate from, LocalDate to,
        Map<String, List<TargetedFigure>> overall, List<StageCard> stages) {

    public record StageCard(String stageId, String name, Map<String, List<TargetedFigure>> metrics,
            List<TouchpointCard> touchpoints) {
    }

    public record TouchpointCard(String touchpointId, String name, String channel,
            Map<String, List<TargetedFigure>> metrics) {
    }
}
