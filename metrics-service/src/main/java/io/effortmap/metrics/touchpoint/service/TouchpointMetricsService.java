package io.effortmap.metrics.touchpoint.service;

import io.effortmap.common.problem.ProblemException;
import io.effortmap.metrics.aggregate.repository.AggregateRepository;
import io.effortmap.metrics.aggregate.service.AggregateKey;
import io.effortmap.metrics.aggregate.service.BucketPlanner;
import io.effortmap.metrics.aggregate.service.FigureSet;
import io.effortmap.metrics.aggregate.service.MetricFigure;
import io.effortmap.metrics.aggregate.service.PeriodRange;
import io.effortmap.metrics.aggregate.service.Scope;
import io.effortmap.metrics.config.MetricsConfig;
import io.effortmap.metrics.journey.service.JourneyCatalog;
import io.effortmap.metrics.journey.client.Journey;
import io.effortmap.metrics.journey.client.Touchpoint;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

@ApplicationScoped
public class TouchpointMetricsService {

    private final AggregateRepository buckets;
    private final JourneyCatalog journeys;
    private final MetricsConfig config;
    private final BucketPlanner planner;

    TouchpointMetricsService(AggregateRepository buckets, JourneyCatalog journeys, MetricsConfig config,
            BucketPlanner planner) {
        this.planner = planner;
        this.buckets = buckets;
        this.journeys = journeys;
        this.config = config;
    }

    /**
     * The touchpoint is resolved through journey-service with the caller's token first: a touchpoint of another
     * workspace is a 404 there, so it is a 404 here too, whatever buckets exist.
     */
    public Uni<TouchpointMetrics> touchpoint(String workspace, String bearer, String journeyId, String touchpointId,
            String metric, LocalDate from, LocalDate to) {
        String normalized = metric == null ? "CES" : metric.toUpperCase(Locale.ROOT);
        if (!BucketPlanner.METRICS.contains(normalized)) {
            return Uni.createFrom().failure(ProblemException.badRequest("metric", "must be one of CES, CSAT, NPS"));
        }
        PeriodRange range = PeriodRange.of(from, to, planner.dimensions().zone(workspace));
        return journeys.touchpoint(workspace, journeyId, touchpointId, bearer)
                .chain(tp -> buckets.metrics(workspace, Scope.TOUCHPOINT,
                                List.of(BucketPlanner.touchpointScopeId(journeyId, touchpointId)), AggregateKey.ALL,
                                List.of(normalized), range)
                        .map(found -> figures(journeyId, touchpointId, tp, normalized, range,
                                new FigureSet().addAll(found).figures(config.lowSampleThreshold()))));
    }

    /** The top-level target is the one of the scale with most answers, the figure a reader looks at first. */
    private static TouchpointMetrics figures(String journeyId, String touchpointId, Touchpoint tp, String metric,
            PeriodRange range, List<MetricFigure> figures) {
        String scoring = figures.stream().max(Comparator.comparingLong(MetricFigure::n)).map(MetricFigure::scoring)
                .orElse(null);
        Map<String, Double> targets = new LinkedHashMap<>();
        for (MetricFigure f : figures) {
            Double target = Journey.target(tp.targets(), metric, f.scoring());
            if (target != null) {
                targets.put(f.scoring(), target);
            }
        }
        return new TouchpointMetrics(journeyId, touchpointId, tp.name(), metric, range.from(), range.to(),
                scoring == null ? null : targets.get(scoring), targets, figures);
    }
}
