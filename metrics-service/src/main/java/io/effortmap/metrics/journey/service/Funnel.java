package io.effortmap.metrics.journey.service;

import io.effortmap.metrics.aggregate.service.Statistics.Interval;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Interaction volume through the journey's stages, in map order, from the interaction feed (each interaction counted
 * in the stage it was accepted in). {@code shareOfFirstStage} is this stage's interactions over the first stage's;
 * it counts interactions, not distinct customers.
 */
public record Funnel(String journeyId, LocalDate from, LocalDate to, List<StageStep> stages) {

    @Schema(name = "FunnelStage")
    public record StageStep(String stageId, String name, long interactions, Map<String, Long> outcomes,
            Double resolvedShare, Interval resolvedCi95, Double meanDurationSeconds, Double shareOfFirstStage,
            boolean lowSample) {
    }
}
