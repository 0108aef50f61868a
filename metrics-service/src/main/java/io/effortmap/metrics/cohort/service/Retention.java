package io.effortmap.metrics.cohort.service;

import io.effortmap.metrics.aggregate.service.Statistics.Interval;
import java.time.LocalDate;
import java.util.List;

/**
 * Weekly retention of a journey's customers: a cohort is the customers whose first interaction on the journey fell in
 * that ISO week; {@code weeks[k]} is how many of them interacted again k weeks later (k = 0 is the cohort itself).
 * {@code churnRate} is the share of the cohort not active in the last week of the range.
 */
public record Retention(String journeyId, LocalDate from, LocalDate to, String timeZone, List<Cohort> cohorts) {

    public record Cohort(LocalDate week, long customers, List<WeekRetention> weeks, Double churnRate,
            Interval churnCi95, boolean lowSample) {
    }

    public record WeekRetention(int offset, LocalDate week, long active, double rate, Interval ci95) {
    }
}
