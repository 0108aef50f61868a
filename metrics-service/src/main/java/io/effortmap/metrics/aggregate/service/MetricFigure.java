package io.effortmap.metrics.aggregate.service;

import io.effortmap.metrics.aggregate.service.Statistics.Interval;
import java.util.Map;

/**
 * One figure for one scale and scoring method. {@code headline} is the metric's standard summary: share of easy
 * answers for CES, top-two-box share for CSAT, the net promoter score for NPS.
 */
public record MetricFigure(String scoring, int scaleMin, int scaleMax, long n, Double mean, Interval meanCi95,
        Headline headline, Map<Integer, Long> histogram, boolean lowSample) {

    public record Headline(String name, double value, Interval ci95) {
    }
}
