package io.effortmap.metrics.alert.service;

import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What one evaluation of a rule saw: the evaluated figure's value with its 95% interval and n over the window
 * {@code from..to} (days of the workspace's zone) on one scale, and for SIGNIFICANT_DROP also the previous window's
 * mean and n and Welch's p-value.
 */
@Schema(name = "AlertObservation")
public record Observation(
        @Schema(nullable = true, description = "CES mean, CSAT share of satisfied (top-two-box) answers 0-1, or NPS; for drops the current mean") Double value,
        @Schema(nullable = true) Double ci95Low, @Schema(nullable = true) Double ci95High, long n,
        @Schema(nullable = true) Integer scaleMin, @Schema(nullable = true) Integer scaleMax, LocalDate from,
        LocalDate to, @Schema(nullable = true) Double previousValue, @Schema(nullable = true) Long previousN,
        @Schema(nullable = true) Double pValue) {
}
