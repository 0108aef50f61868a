package io.effortmap.metrics.journey.service;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.effortmap.metrics.aggregate.service.MetricFigure;

/**
 * A figure with the touchpoint's target. {@code meetsTarget} compares the point estimate (mean for CES, the satisfied
 * share 0–1 for CSAT, NPS for NPS) with the target, not the interval; it is null without a target or when lowSample.
 */
public record TargetedFigure(@JsonUnwrapped MetricFigure figure, Double target, Boolean meetsTarget) {

    static TargetedFigure of(MetricFigure figure, Double target) {
        if (target == null || figure.lowSample() || figure.n() == 0) {
            return new TargetedFigure(figure, target, null);
        }
        boolean meets = switch (figure.scoring()) {
            // On the 1–5 effort scale lower is easier, so the target is a ceiling.
            case "CES_EFFORT" -> figure.mean() <= target;
            case "CES_AGREEMENT" -> figure.mean() >= target;
            default -> figure.headline().value() >= target;
        };
        return new TargetedFigure(figure, target, meets);
    }
}
