package io.effortmap.metrics.journey.service;

import io.effortmap.metrics.aggregate.repository.AggregateRepository;
import io.effortmap.metrics.aggregate.repository.InteractionBucket;
import io.effortmap.metrics.aggregate.service.BucketPlanner;
import io.effortmap.metrics.aggregate.service.Granularity;
import io.effortmap.metrics.aggregate.service.InteractionPlanner;
import io.effortmap.metrics.aggregate.service.PeriodRange;
import io.effortmap.metrics.aggregate.service.Scope;
import io.effortmap.metrics.aggregate.service.Statistics;
import io.effortmap.metrics.config.MetricsConfig;
import io.effortmap.metrics.journey.client.Journey;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The stage funnel of a journey, read from the daily stage interaction buckets. */
@ApplicationScoped
public class FunnelService {

    private final JourneyCatalog catalog;
    private final AggregateRepository buckets;
    private final BucketPlanner planner;
    private final MetricsConfig config;

    FunnelService(JourneyCatalog catalog, AggregateRepository buckets, BucketPlanner planner, MetricsConfig config) {
        this.catalog = catalog;
        this.buckets = buckets;
        this.planner = planner;
        this.config = config;
    }

    public Uni<Funnel> funnel(String workspace, String bearer, String journeyId, LocalDate from, LocalDate to) {
        PeriodRange range = PeriodRange.of(from, to, planner.dimensions().zone(workspace));
        return catalog.journey(workspace, journeyId, bearer).chain(journey -> buckets.interactions(workspace,
                        Scope.STAGE, journey.stages().stream()
                                .map(s -> InteractionPlanner.stageScopeId(journey.id(), s.id())).toList(),
                        Granularity.DAY, range.from(), range.to())
                .map(found -> new Funnel(journey.id(), range.from(), range.to(), steps(journey, found))));
    }

    private List<Funnel.StageStep> steps(Journey journey, List<InteractionBucket> found) {
        Map<String, Totals> byStage = new HashMap<>();
        found.forEach(b -> byStage.computeIfAbsent(b.scopeId(), k -> new Totals()).add(b));
        List<Funnel.StageStep> steps = new ArrayList<>();
        Long first = null;
        for (Journey.Stage stage : journey.stages()) {
            Totals t = byStage.getOrDefault(InteractionPlanner.stageScopeId(journey.id(), stage.id()), new Totals());
            first = first == null ? Long.valueOf(t.n) : first;
            long resolved = t.outcomes.getOrDefault("resolved", 0L);
            steps.add(new Funnel.StageStep(stage.id(), stage.name(), t.n, t.outcomes,
                    t.n == 0 ? null : (double) resolved / t.n, Statistics.wilson(resolved, t.n),
                    t.durationN == 0 ? null : (double) t.durationSum / t.durationN,
                    first == 0 ? null : (double) t.n / first, t.n < config.lowSampleThreshold()));
        }
        return steps;
    }

    private static final class Totals {
        long n;
        long durationN;
        long durationSum;
        final Map<String, Long> outcomes = new TreeMap<>();

        void add(InteractionBucket b) {
            n += b.n();
            durationN += b.durationN();
            durationSum += b.durationSum();
            b.outcomes().forEach((outcome, count) -> outcomes.merge(outcome, count, Long::sum));
        }
    }
}
