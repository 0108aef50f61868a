package io.effortmap.metrics.journey.service;

import io.effortmap.common.problem.ProblemException;
import io.effortmap.metrics.aggregate.repository.AggregateRepository;
import io.effortmap.metrics.aggregate.repository.MetricBucket;
import io.effortmap.metrics.aggregate.service.AggregateKey;
import io.effortmap.metrics.aggregate.service.BucketPlanner;
import io.effortmap.metrics.aggregate.service.FigureCalculator;
import io.effortmap.metrics.aggregate.service.FigureSet;
import io.effortmap.metrics.aggregate.service.Granularity;
import io.effortmap.metrics.aggregate.service.MetricFigure;
import io.effortmap.metrics.aggregate.service.Scope;
import io.effortmap.metrics.aggregate.service.Statistics;
import io.effortmap.metrics.config.MetricsConfig;
import io.effortmap.metrics.journey.client.Journey;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Early warning: each touchpoint's last complete week (or month) against the one before, from two stored buckets. */
@ApplicationScoped
public class ChangeService {

    static final double ALPHA = 0.05;

    private final JourneyCatalog catalog;
    private final AggregateRepository buckets;
    private final BucketPlanner planner;
    private final MetricsConfig config;

    ChangeService(JourneyCatalog catalog, AggregateRepository buckets, BucketPlanner planner, MetricsConfig config) {
        this.catalog = catalog;
        this.buckets = buckets;
        this.planner = planner;
        this.config = config;
    }

    /** {@code at}: a day in the current period; default the last complete period in the workspace's zone. */
    public Uni<Changes> changes(String workspace, String bearer, String journeyId, String period, LocalDate at) {
        Granularity granularity = granularity(period);
        LocalDate current = at != null ? granularity.start(at)
                : granularity.start(granularity.start(LocalDate.now(planner.dimensions().zone(workspace))).minusDays(1));
        LocalDate previous = granularity.start(current.minusDays(1));
        return catalog.journey(workspace, journeyId, bearer).chain(journey -> {
            List<String> ids = journey.stages().stream().flatMap(s -> s.touchpoints().stream())
                    .map(tp -> BucketPlanner.touchpointScopeId(journey.id(), tp.id())).toList();
            return buckets.metrics(workspace, Scope.TOUCHPOINT, ids, AggregateKey.ALL, JourneyMetricsService.METRICS,
                            granularity, previous, current)
                    .map(found -> new Changes(journey.id(), granularity.value(), previous, current,
                            granularity.next(current).minusDays(1), rule(), compare(journey, found, previous, current)));
        });
    }

    private String rule() {
        return "significantDrop when the current mean is worse (lower; higher on CES_EFFORT), Welch's two-sided "
                + "p < " + ALPHA + " and n >= " + config.lowSampleThreshold() + " in both periods";
    }

    private List<Changes.Change> compare(Journey journey, List<MetricBucket> found, LocalDate previous,
            LocalDate current) {
        // touchpoint scope id -> metric|scoring|min|max -> [previous, current]
        Map<String, Map<String, FigureSet[]>> grouped = new TreeMap<>();
        for (MetricBucket b : found) {
            FigureSet[] pair = grouped.computeIfAbsent(b.scopeId(), k -> new TreeMap<>()).computeIfAbsent(
                    b.metric() + "|" + b.scoring() + "|" + b.scaleMin() + "|" + b.scaleMax(),
                    k -> new FigureSet[] {new FigureSet(), new FigureSet()});
            pair[b.period().equals(current) ? 1 : 0].add(b);
        }
        int threshold = config.lowSampleThreshold();
        List<Changes.Change> changes = new ArrayList<>();
        for (Journey.Stage stage : journey.stages()) {
            for (Journey.StageTouchpoint tp : stage.touchpoints()) {
                Map<String, FigureSet[]> scales = grouped.get(BucketPlanner.touchpointScopeId(journey.id(), tp.id()));
                if (scales == null) {
                    continue;
                }
                scales.forEach((key, sets) -> {
                    String[] k = key.split("\\|");
                    int min = Integer.parseInt(k[2]);
                    int max = Integer.parseInt(k[3]);
                    MetricFigure before = figure(sets[0], k[1], min, max, threshold);
                    MetricFigure now = figure(sets[1], k[1], min, max, threshold);
                    Statistics.WelchTest welch = Statistics.welch(now.n(), sum(sets[1]), sumSquares(sets[1]),
                            before.n(), sum(sets[0]), sumSquares(sets[0]));
                    Double change = now.mean() == null || before.mean() == null ? null : now.mean() - before.mean();
                    boolean worse = change != null && ("CES_EFFORT".equals(k[1]) ? change > 0 : change < 0);
                    boolean significant = worse && welch != null && welch.pValue() < ALPHA
                            && now.n() >= threshold && before.n() >= threshold;
                    changes.add(new Changes.Change(tp.id(), tp.name(), stage.id(), k[0], k[1], min, max, before, now,
                            change, welch, significant));
                });
            }
        }
        return changes;
    }

    private static MetricFigure figure(FigureSet set, String scoring, int min, int max, int threshold) {
        return set.isEmpty() ? FigureCalculator.figure(scoring, min, max, 0, 0, 0, Map.of(), threshold)
                : set.figures(threshold).getFirst();
    }

    private static long sum(FigureSet set) {
        return set.totals().stream().mapToLong(FigureSet.Totals::sum).sum();
    }

    private static long sumSquares(FigureSet set) {
        return set.totals().stream().mapToLong(FigureSet.Totals::sumSquares).sum();
    }

    static Granularity granularity(String period) {
        String value = period == null ? "week" : period.trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "week" -> Granularity.WEEK;
            case "month" -> Granularity.MONTH;
            default -> throw ProblemException.badRequest("period", "must be week or month");
        };
    }
}
