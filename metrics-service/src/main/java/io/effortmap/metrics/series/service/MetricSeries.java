package io.effortmap.metrics.series.service;

import java.time.LocalDate;
import java.util.List;

/** A metric over time for one scope and slice, one series per scale (answers on different scales never mix). */
public record MetricSeries(String metric, String scope, String id, String slice, String granularity, LocalDate from,
        LocalDate to, String timeZone, List<ScaleSeries> series) {

    public record ScaleSeries(String scoring, int scaleMin, int scaleMax, List<SeriesPoint> points) {
    }
}
