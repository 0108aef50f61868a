package io.effortmap.metrics.aggregate.service;

import io.effortmap.common.problem.ProblemException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** An inclusive range of days in the workspace's time zone, validated the same way for every endpoint. */
public record PeriodRange(LocalDate from, LocalDate to) {

    /** Longest range one request may span: ~5 years of daily buckets. */
    public static final int MAX_DAYS = 1830;
    public static final int DEFAULT_DAYS = 90;

    /** Defaults: {@code to} today in the workspace's zone, {@code from} 89 days earlier. */
    public static PeriodRange of(LocalDate from, LocalDate to, ZoneId zone) {
        LocalDate end = to != null ? to : LocalDate.now(zone);
        LocalDate start = from != null ? from : end.minusDays(DEFAULT_DAYS - 1);
        if (start.isAfter(end)) {
            throw ProblemException.badRequest("from", "must not be after 'to'");
        }
        if (start.plusDays(MAX_DAYS).isBefore(end)) {
            throw ProblemException.badRequest("from", "period is longer than " + MAX_DAYS + " days");
        }
        return new PeriodRange(start, end);
    }

    /** Part of the range read from buckets of one granularity, {@code from..to} being period starts. */
    public record Segment(Granularity granularity, LocalDate from, LocalDate to) {
    }

    /**
     * Few buckets that exactly cover the range: whole calendar months from month buckets, whole ISO weeks of what is
     * left from week buckets, the remaining days from day buckets. Exact because a month or week bucket is the sum of
     * its day buckets.
     */
    public List<Segment> cover() {
        LocalDate wholeStart = from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
        LocalDate afterWhole = to.plusDays(1).getDayOfMonth() == 1 ? to.plusDays(1) : to.withDayOfMonth(1);
        List<Segment> segments = new ArrayList<>();
        if (!wholeStart.isBefore(afterWhole)) {
            addWeeksAndDays(segments, from, to);
            return segments;
        }
        addWeeksAndDays(segments, from, wholeStart.minusDays(1));
        segments.add(new Segment(Granularity.MONTH, wholeStart, afterWhole.minusMonths(1)));
        addWeeksAndDays(segments, afterWhole, to);
        return segments;
    }

    /** Days {@code first..last} (possibly none) as whole ISO weeks plus the days before and after them. */
    private static void addWeeksAndDays(List<Segment> segments, LocalDate first, LocalDate last) {
        if (first.isAfter(last)) {
            return;
        }
        LocalDate monday = first.getDayOfWeek() == DayOfWeek.MONDAY ? first : Granularity.WEEK.start(first).plusWeeks(1);
        LocalDate afterWeeks = Granularity.WEEK.start(last.plusDays(1));
        if (!monday.isBefore(afterWeeks)) {
            segments.add(new Segment(Granularity.DAY, first, last));
            return;
        }
        if (first.isBefore(monday)) {
            segments.add(new Segment(Granularity.DAY, first, monday.minusDays(1)));
        }
        segments.add(new Segment(Granularity.WEEK, monday, afterWeeks.minusWeeks(1)));
        if (!afterWeeks.isAfter(last)) {
            segments.add(new Segment(Granularity.DAY, afterWeeks, last));
        }
    }
}
