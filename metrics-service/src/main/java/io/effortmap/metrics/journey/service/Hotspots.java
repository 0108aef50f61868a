package io.effortmap.metrics.journey.service;

import io.effortmap.metrics.aggregate.service.Statistics.Interval;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Touchpoints by friction = difficulty × volume share × detractor share. Only statistically supported entries are in
 * {@code ranked}; the rest are in {@code unranked} with the reason.
 */
public record Hotspots(String journeyId, LocalDate from, LocalDate to, String rule, List<Entry> ranked,
        List<Entry> unranked) {

    /**
     * {@code difficulty} is the CES mean mapped to 0 (easiest) … 1 (hardest) of its scale; {@code comparator} is the
     * touchpoint's CES target or, without one, the CES mean of the rest of the journey on the same scale
     * ({@code comparatorBasis} {@code target} or {@code restOfJourneyMean}); {@code volumeShare} is the touchpoint's
     * CES answers (every scale) over all CES answers of the journey's touchpoints.
     */
    @Schema(name = "HotspotEntry")
    public record Entry(Integer rank, String touchpointId, String name, String stageId, String stageName, String scoring,
            int scaleMin, int scaleMax, long n, double mean, Interval meanCi95, Map<Integer, Long> histogram,
            boolean lowSample, Double comparator, String comparatorBasis, double difficulty, double volumeShare,
            double detractorShare, String detractorBasis, double frictionScore, boolean supported, String reason) {
    }
}
