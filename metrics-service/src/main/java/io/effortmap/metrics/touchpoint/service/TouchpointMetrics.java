package io.effortmap.metrics.touchpoint.service;

import io.effortmap.metrics.aggregate.service.MetricFigure;
import java.time.LocalDate;
import java.util.List;

/** A touchpoint's figures for one metric over a period; one figure per scale, never mixed. */
public record TouchpointMetrics(String journeyId, String touchpointId, String touchpointName, String metric,
        LocalDate from, LocalDate to, Double target, List<MetricFigure> figures) {
}
