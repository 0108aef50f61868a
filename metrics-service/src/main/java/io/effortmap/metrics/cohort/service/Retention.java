package io.effortmap.metrics.cohort.service;

import io.effortmap.metrics.aggregate.service.Statistics.Interval;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Retention of a journey's customers by weekly or monthly cohort: a cohort is the customers whose first interaction on
 * the journey fell in that ISO week or calendar month; {@code periods[k]} is how many of them interacted again k periods
 * later (k = 0 is the cohort itself). Only complete periods count: the one containing today is still filling.
 * {@code churnRate} is the share of the cohort not active in the last complete period.
 */
public record Retention(String journeyId,
        @Schema(description = "week or month") String period,
        @Schema(description = "First day of the first cohort period") LocalDate from,
        @Schema(description = "Last day of the period containing the requested 'to'") LocalDate to,
        @Schema(description = "Last day of the last complete period followed; null when the range has none (no cohorts)",
                nullable = true) LocalDate completeThrough,
        String timeZone, List<Cohort> cohorts) {

    public record Cohort(
            @Schema(description = "Same as start (named when cohorts were weekly only)", deprecated = true)
            LocalDate week,
            @Schema(description = "First day of the cohort's week or month") LocalDate start,
            long customers,
            @Schema(description = "Same as periods (named when cohorts were weekly only)", deprecated = true)
            List<WeekRetention> weeks,
            List<WeekRetention> periods, Double churnRate, Interval churnCi95, boolean lowSample) {
    }

    /** One complete period after a cohort's first (the schema keeps its first name, from weekly-only cohorts). */
    public record WeekRetention(int offset,
            @Schema(description = "Same as start (named when cohorts were weekly only)", deprecated = true)
            LocalDate week,
            @Schema(description = "First day of the week or month") LocalDate start,
            long active, double rate, Interval ci95) {
    }
}
