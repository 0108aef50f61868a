package io.effortmap.metrics.journey.service;

import io.effortmap.metrics.aggregate.service.ChangeDetector;
import io.effortmap.metrics.aggregate.service.MetricFigure;
import io.effortmap.metrics.aggregate.service.Statistics.WelchTest;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Period-over-period change of every touchpoint metric (per scale), with two tests each: {@code meanTest} (Welch) and
 * {@code headlineTest} (easy or satisfied share, or NPS), raw and Benjamini–Hochberg adjusted across the report.
 * {@code significantDrop}: a test found the figure worse with adjusted p below the false discovery rate, the change
 * reaches {@code minimumEffect} (a fraction of the figure's range) and both periods have n ≥ the threshold.
 */
public record Changes(String journeyId, String period, LocalDate previousFrom, LocalDate currentFrom,
        LocalDate currentTo, String rule, List<Change> changes) {

    @Schema(name = "TouchpointChange")
    public record Change(String touchpointId, String name, String stageId, String metric, String scoring, int scaleMin,
            int scaleMax, MetricFigure previous, MetricFigure current, Double meanChange, WelchTest welch,
            ChangeDetector.Test meanTest, ChangeDetector.Test headlineTest, double minimumEffect,
            boolean significantDrop) {
    }
}
