package io.effortmap.metrics.journey.service;

import io.effortmap.metrics.aggregate.service.Statistics.Interval;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The journey's stages in map order, from the interaction feed (each interaction counted in the stage it was accepted
 * in): interaction volume and outcomes, and distinct customers. {@code shareOfFirstStage} compares interaction
 * volumes; {@code conversionFromPrevious} is the share of the previous stage's customers who also had an interaction
 * in this stage in the period, and {@code dropOffFromPrevious} its complement.
 */
public record Funnel(String journeyId, LocalDate from, LocalDate to, List<StageStep> stages) {

    @Schema(name = "FunnelStage")
    public record StageStep(String stageId, String name, long interactions, Map<String, Long> outcomes,
            Double resolvedShare, Interval resolvedCi95, Double meanDurationSeconds, Double shareOfFirstStage,
            @Schema(description = "Distinct customers with an interaction in this stage in the period") long customers,
            @Schema(description = "Of the previous stage's customers, how many reached this stage; null for the first",
                    nullable = true) Long continuedFromPrevious,
            @Schema(nullable = true) Double conversionFromPrevious,
            @Schema(description = "Wilson 95% interval of conversionFromPrevious", nullable = true)
            Interval conversionCi95,
            @Schema(nullable = true) Double dropOffFromPrevious,
            boolean lowSample) {
    }
}
