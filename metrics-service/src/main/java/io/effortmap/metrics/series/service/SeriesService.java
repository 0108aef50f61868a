package io.effortmap.metrics.series.service;

import io.effortmap.common.problem.ProblemException;
import io.effortmap.metrics.aggregate.repository.AggregateRepository;
import io.effortmap.metrics.aggregate.repository.MetricBucket;
import io.effortmap.metrics.aggregate.service.AggregateKey;
import io.effortmap.metrics.aggregate.service.BucketPlanner;
import io.effortmap.metrics.aggregate.service.FigureCalculator;
import io.effortmap.metrics.aggregate.service.FigureSet;
import io.effortmap.metrics.aggregate.service.Granularity;
import io.effortmap.metrics.aggregate.service.MetricFigure;
import io.effortmap.metrics.aggregate.service.PeriodRange;
import io.effortmap.metrics.config.MetricsConfig;
import io.effortmap.metrics.scope.service.ScopeResolver;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

@ApplicationScoped
public class SeriesService {

    private final AggregateRepository buckets;
    private final ScopeResolver scopes;
    private final BucketPlanner planner;
    private final MetricsConfig config;

    SeriesService(AggregateRepository buckets, ScopeResolver scopes, BucketPlanner planner, MetricsConfig config) {
        this.buckets = buckets;
        this.scopes = scopes;
        this.planner = planner;
        this.config = config;
    }

    public record Query(String metric, String scope, String id, String journeyId, String surveyId, String granularity,
            LocalDate from, LocalDate to, String segment, String channel) {
    }

    /**
     * Periods are calendar days, ISO weeks or months in the workspace's zone; {@code from} and {@code to} select
     * the periods containing them, so the first and last point cover whole periods.
     */
    public Uni<MetricSeries> series(String workspace, String bearer, Query query) {
        String metric = metric(query.metric());
        String scope = ScopeResolver.validate(query.scope(), query.id(), query.journeyId(), query.surveyId());
        Granularity granularity = granularity(query.granularity());
        String slice = slice(query.segment(), query.channel());
        ZoneId zone = planner.dimensions().zone(workspace);
        PeriodRange range = PeriodRange.of(query.from(), query.to(), zone);
        LocalDate first = granularity.start(range.from());
        LocalDate last = granularity.start(range.to());
        return scopes.resolve(workspace, bearer, scope, query.id(), query.journeyId(), query.surveyId())
                .chain(resolved -> buckets.metrics(workspace, resolved.storedAs(), resolved.scopeIds(), slice,
                                List.of(metric), granularity, first, last)
                        .map(found -> new MetricSeries(metric, scope, resolved.id(), slice, granularity.value(),
                                first, granularity.next(last).minusDays(1), zone.getId(),
                                series(found, granularity, first, last))));
    }

    private List<MetricSeries.ScaleSeries> series(List<MetricBucket> found, Granularity granularity, LocalDate first,
            LocalDate last) {
        Map<String, Map<LocalDate, FigureSet>> byScale = new TreeMap<>();
        for (MetricBucket bucket : found) {
            byScale.computeIfAbsent(bucket.scoring() + "|" + bucket.scaleMin() + "|" + bucket.scaleMax(),
                    k -> new LinkedHashMap<>()).computeIfAbsent(bucket.period(), p -> new FigureSet()).add(bucket);
        }
        List<MetricSeries.ScaleSeries> series = new ArrayList<>();
        for (Map.Entry<String, Map<LocalDate, FigureSet>> scale : byScale.entrySet()) {
            String[] parts = scale.getKey().split("\\|");
            int min = Integer.parseInt(parts[1]);
            int max = Integer.parseInt(parts[2]);
            List<SeriesPoint> points = new ArrayList<>();
            for (LocalDate period = first; !period.isAfter(last); period = granularity.next(period)) {
                FigureSet set = scale.getValue().get(period);
                MetricFigure f = set == null
                        ? FigureCalculator.figure(parts[0], min, max, 0, 0, 0,
                                Map.of(), config.lowSampleThreshold())
                        : set.figures(config.lowSampleThreshold()).getFirst();
                points.add(new SeriesPoint(period, f.n(), f.mean(), f.meanCi95(), f.headline(), f.histogram(),
                        f.lowSample()));
            }
            series.add(new MetricSeries.ScaleSeries(parts[0], min, max, points));
        }
        return series;
    }

    static String metric(String metric) {
        String normalized = metric == null || metric.isBlank() ? "CES" : metric.trim().toUpperCase(Locale.ROOT);
        if (!BucketPlanner.METRICS.contains(normalized)) {
            throw ProblemException.badRequest("metric", "must be one of CES, CSAT, NPS");
        }
        return normalized;
    }

    static Granularity granularity(String value) {
        if (value == null || value.isBlank()) {
            return Granularity.DAY;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "day" -> Granularity.DAY;
            case "week" -> Granularity.WEEK;
            case "month" -> Granularity.MONTH;
            default -> throw ProblemException.badRequest("granularity", "must be one of day, week, month");
        };
    }

    /** {@code segment=region:EU} must name a configured attribute; only those have buckets. */
    private String slice(String segment, String channel) {
        String channelSlice = null;
        if (channel != null) {
            if (channel.isBlank() || channel.length() > 50) {
                throw ProblemException.badRequest("channel", "must be 1 to 50 characters");
            }
            channelSlice = BucketPlanner.channelSlice(channel.trim());
        }
        String segmentSlice = null;
        if (segment != null) {
            String[] parts = segment.split(":", 2);
            if (parts.length != 2 || parts[1].isEmpty()) {
                throw ProblemException.badRequest("segment", "must be attribute:value, e.g. region:EU");
            }
            if (!planner.dimensions().segmentAttributes().contains(parts[0])) {
                throw ProblemException.badRequest("segment", "attribute must be one of "
                        + planner.dimensions().segmentAttributes());
            }
            segmentSlice = BucketPlanner.segmentSlice(parts[0], parts[1]);
        }
        if (channelSlice != null && segmentSlice != null) {
            return channelSlice + "," + segmentSlice;
        }
        return channelSlice != null ? channelSlice : segmentSlice != null ? segmentSlice : AggregateKey.ALL;
    }
}
