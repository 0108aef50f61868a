package io.effortmap.metrics.aggregate.service;

import io.effortmap.metrics.aggregate.service.Statistics.Interval;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import java.util.Map;

/**
 * One figure for one scale and scoring method. {@code headline} is the metric's standard summary: {@code easyShare}
 * (share of easy answers) for CES, {@code satisfiedShare} (top-two-box share) for CSAT, both fractions 0–1 with a
 * Wilson interval, and {@code nps} (-100..100, the one score that is not a fraction) for NPS.
 */
public record MetricFigure(String scoring, int scaleMin, int scaleMax, long n, Double mean, Interval meanCi95,
        Headline headline, Map<Integer, Long> histogram, boolean lowSample) {

    @Schema(name = "Headline", description = "name says what value is: easyShare and satisfiedShare are fractions 0-1, "
            + "nps a score -100..100; ci95 is on the same scale")
    public record Headline(String name, double value, Interval ci95) {
    }
}
