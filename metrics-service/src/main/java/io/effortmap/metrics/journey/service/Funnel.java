package io.effortmap.metrics.journey.service;

import io.effortmap.metrics.aggregate.service.Statistics.Interval;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The journey's stages in map order, from the interaction feed (each interaction counted in the stage it was accepted
 * in): interaction volume and outcomes, and distinct customers. {@code firstStageVolumeRatio} compares interaction
 * volumes (a ratio, it can exceed 1); {@code conversionRate} is the share of the previous stage's customers who also had an interaction in this
 * stage in the period, and {@code dropOffRate} its complement. Every share and rate is a fraction 0–1.
 */
public record Funnel(String journeyId, LocalDate from, LocalDate to, List<StageStep> stages) {

    @Schema(name = "FunnelStage")
    public record StageStep(String stageId, String name, long interactions, Map<String, Long> outcomes,
            @Schema(nullable = true, description = "Share of this stage's interactions resolved, 0-1") Double resolvedShare,
            Interval resolvedCi95, Double meanDurationSeconds,
            @Schema(nullable = true, description = "This stage's interactions divided by the first stage's: a ratio, not a "
                    + "share (a later stage can have more interactions than the first)")
            Double firstStageVolumeRatio,
            @Schema(description = "Distinct customers with an interaction in this stage in the period") long customers,
            @Schema(description = "Of the previous stage's customers, how many reached this stage; null for the first",
                    nullable = true) Long continuedFromPrevious,
            @Schema(nullable = true, description = "Share of the previous stage's customers who reached this stage, 0-1")
            Double conversionRate,
            @Schema(description = "Wilson 95% interval of conversionRate", nullable = true)
            Interval conversionCi95,
            @Schema(nullable = true, description = "1 - conversionRate") Double dropOffRate,
            boolean lowSample) {
    }
}
