package io.effortmap.metrics.aggregate.service;

import io.effortmap.common.problem.ProblemException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/** Calendar periods in the workspace's time zone; a period is named by its first day (ISO weeks start on Monday). */
public enum Granularity {
    DAY, WEEK, MONTH;

    public LocalDate start(LocalDate day) {
        return switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
    }

    public LocalDate next(LocalDate periodStart) {
        return switch (this) {
            case DAY -> periodStart.plusDays(1);
            case WEEK -> periodStart.plusWeeks(1);
            case MONTH -> periodStart.plusMonths(1);
        };
    }

    public LocalDate previous(LocalDate periodStart) {
        return switch (this) {
            case DAY -> periodStart.minusDays(1);
            case WEEK -> periodStart.minusWeeks(1);
            case MONTH -> periodStart.minusMonths(1);
        };
    }

    /** Whole periods from one period start to a later one. */
    public int periodsBetween(LocalDate fromStart, LocalDate toStart) {
        return (int) switch (this) {
            case DAY -> java.time.temporal.ChronoUnit.DAYS.between(fromStart, toStart);
            case WEEK -> java.time.temporal.ChronoUnit.WEEKS.between(fromStart, toStart);
            case MONTH -> java.time.temporal.ChronoUnit.MONTHS.between(fromStart, toStart);
        };
    }

    /** The {@code week} (default) or {@code month} of a query parameter; anything else is a 400 naming it. */
    public static Granularity weekOrMonth(String field, String value) {
        String period = value == null ? "week" : value.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (period) {
            case "week" -> WEEK;
            case "month" -> MONTH;
            default -> throw ProblemException.badRequest(field, "must be week or month");
        };
    }

    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
