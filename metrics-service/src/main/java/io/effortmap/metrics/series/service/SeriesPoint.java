package io.effortmap.metrics.series.service;

import io.effortmap.metrics.aggregate.service.MetricFigure.Headline;
import io.effortmap.metrics.aggregate.service.Statistics.Interval;
import java.time.LocalDate;
import java.util.Map;

/** One period of a series, named by its first day; periods without answers have n 0 and no estimates. */
public record SeriesPoint(LocalDate period, long n, Double mean, Interval meanCi95, Headline headline,
        Map<Integer, Long> histogram, boolean lowSample) {
}
