package io.effortmap.metrics.correlation.service;

import io.effortmap.metrics.aggregate.service.Statistics.Interval;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Respondent-level correlation of CES with CSAT or NPS, one result per combination of scales. */
public record Correlation(String pair, String scope, String id, LocalDate from, LocalDate to, List<Result> results) {

    /** {@code jointHistogram} keys are {@code "ces_other"} scores; the intervals are Fisher-z 95% intervals. */
    @Schema(name = "CorrelationResult")
    public record Result(String cesScoring, int cesScaleMin, int cesScaleMax, String otherScale, long n, Double pearson,
            Interval pearsonCi95, Double spearman, Interval spearmanCi95, Map<String, Long> jointHistogram,
            boolean lowSample) {
    }
}
