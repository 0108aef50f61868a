package io.effortmap.metrics.journey.service;

import io.effortmap.metrics.aggregate.service.MetricFigure;
import io.effortmap.metrics.aggregate.service.Statistics.WelchTest;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Period-over-period change of every touchpoint metric (per scale). {@code significantDrop}: the current period is
 * worse (lower mean; higher on the CES_EFFORT scale), Welch's p &lt; 0.05 and both periods have n ≥ the threshold.
 */
public record Changes(String journeyId, String period, LocalDate previousFrom, LocalDate currentFrom,
        LocalDate currentTo, String rule, List<Change> changes) {

    @Schema(name = "TouchpointChange")
    public record Change(String touchpointId, String name, String stageId, String metric, String scoring, int scaleMin,
            int scaleMax, MetricFigure previous, MetricFigure current, Double meanChange, WelchTest welch,
            boolean significantDrop) {
    }
}
