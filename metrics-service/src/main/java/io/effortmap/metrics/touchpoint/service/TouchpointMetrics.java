package io.effortmap.metrics.touchpoint.service;

import io.effortmap.metrics.aggregate.service.MetricFigure;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A touchpoint's figures for one metric over a period; one figure per scale, never mixed. Each figure is compared only
 * with the target of its own scoring method ({@code targets}, keyed by scoring).
 */
public record TouchpointMetrics(String journeyId, String touchpointId, String touchpointName, String metric,
        LocalDate from, LocalDate to,
        @Schema(description = "Target of the figure with most answers (its scoring method's); null without one")
        Double target,
        @Schema(description = "Targets by scoring method of the figures shown (CES_AGREEMENT, CES_EFFORT, CSAT, NPS)")
        Map<String, Double> targets,
        List<MetricFigure> figures) {
}
