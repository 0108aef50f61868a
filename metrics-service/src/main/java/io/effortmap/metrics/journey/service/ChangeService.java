package io.effortmap.metrics.journey.service;

import io.effortmap.metrics.aggregate.repository.AggregateRepository;
import io.effortmap.metrics.aggregate.repository.MetricBucket;
import io.effortmap.metrics.aggregate.service.AggregateKey;
import io.effortmap.metrics.aggregate.service.BucketPlanner;
import io.effortmap.metrics.aggregate.service.ChangeDetector;
import io.effortmap.metrics.aggregate.service.ChangePolicy;
import io.effortmap.metrics.aggregate.service.FigureCalculator;
import io.effortmap.metrics.aggregate.service.FigureSet;
import io.effortmap.metrics.aggregate.service.Granularity;
import io.effortmap.metrics.aggregate.service.MetricFigure;
import io.effortmap.metrics.aggregate.service.Scope;
import io.effortmap.metrics.config.MetricsConfig;
import io.effortmap.metrics.journey.client.Journey;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Early warning: each touchpoint's last complete week (or month) against the one before, from two stored buckets. */
@ApplicationScoped
public class ChangeService {

    private final JourneyCatalog catalog;
    private final AggregateRepository buckets;
    private final BucketPlanner planner;
    private final MetricsConfig config;
    private final ChangePolicy policy;

    ChangeService(JourneyCatalog catalog, AggregateRepository buckets, BucketPlanner planner, MetricsConfig config,
            ChangePolicy policy) {
        this.catalog = catalog;
        this.buckets = buckets;
        this.planner = planner;
        this.config = config;
        this.policy = policy;
    }

    /** {@code at}: a day in the current period; default the last complete period in the workspace's zone. */
    public Uni<Changes> changes(String workspace, String bearer, String journeyId, String period, LocalDate at) {
        Granularity granularity = Granularity.weekOrMonth("period", period);
        LocalDate current = at != null ? granularity.start(at)
                : granularity.start(granularity.start(LocalDate.now(planner.dimensions().zone(workspace))).minusDays(1));
        LocalDate previous = granularity.start(current.minusDays(1));
        return catalog.journey(workspace, journeyId, bearer).chain(journey -> {
            List<String> ids = journey.stages().stream().flatMap(s -> s.touchpoints().stream())
                    .map(tp -> BucketPlanner.touchpointScopeId(journey.id(), tp.id())).toList();
            return buckets.metrics(workspace, Scope.TOUCHPOINT, ids, AggregateKey.ALL, JourneyMetricsService.METRICS,
                            granularity, previous, current)
                    .map(found -> new Changes(journey.id(), granularity.value(), previous, current,
                            granularity.next(current).minusDays(1), rule(), compare(workspace, journey, found, current)));
        });
    }

    private String rule() {
        ChangeDetector.Settings settings = policy.settings();
        return "significantDrop when the mean (Welch's t-test) or the headline (easy or satisfied share: pooled "
                + "two-proportion z-test with Newcombe's interval; NPS: adjusted-Wald difference) got worse, its "
                + "Benjamini-Hochberg adjusted p across all " + "tests of this report is below "
                + settings.fdr() + ", the change reaches the minimum effect and n >= " + settings.minN()
                + " in both periods";
    }

    private List<Changes.Change> compare(String workspace, Journey journey, List<MetricBucket> found,
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
        List<Pending> pending = new ArrayList<>();
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
                    pending.add(new Pending(stage, tp, k[0], new ChangeDetector.Comparison(
                            figure(sets[0], k[1], min, max, threshold), figure(sets[1], k[1], min, max, threshold),
                            policy.minimumEffect(workspace, k[0]))));
                });
            }
        }
        List<ChangeDetector.Assessment> assessed = ChangeDetector.assess(
                pending.stream().map(Pending::comparison).toList(), policy.settings());
        List<Changes.Change> changes = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            Pending p = pending.get(i);
            ChangeDetector.Assessment a = assessed.get(i);
            MetricFigure before = p.comparison().previous();
            MetricFigure now = p.comparison().current();
            Double change = now.mean() == null || before.mean() == null ? null : now.mean() - before.mean();
            changes.add(new Changes.Change(p.touchpoint().id(), p.touchpoint().name(), p.stage().id(), p.metric(),
                    now.scoring(), now.scaleMin(), now.scaleMax(), before, now, change, a.welch(), a.mean(),
                    a.headline(), p.comparison().minimumEffect(), a.significantDrop()));
        }
        return changes;
    }

    private record Pending(Journey.Stage stage, Journey.StageTouchpoint touchpoint, String metric,
            ChangeDetector.Comparison comparison) {
    }

    private static MetricFigure figure(FigureSet set, String scoring, int min, int max, int threshold) {
        return set.isEmpty() ? FigureCalculator.figure(scoring, min, max, 0, 0, 0, Map.of(), threshold)
                : set.figures(threshold).getFirst();
    }
}
