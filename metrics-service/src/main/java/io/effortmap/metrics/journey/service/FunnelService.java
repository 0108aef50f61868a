package io.effortmap.metrics.journey.service;

import io.effortmap.metrics.aggregate.repository.AggregateRepository;
import io.effortmap.metrics.aggregate.repository.InteractionBucket;
import io.effortmap.metrics.aggregate.service.BucketPlanner;
import io.effortmap.metrics.aggregate.service.Granularity;
import io.effortmap.metrics.aggregate.service.InteractionPlanner;
import io.effortmap.metrics.aggregate.service.PeriodRange;
import io.effortmap.metrics.aggregate.service.Scope;
import io.effortmap.metrics.aggregate.service.Statistics;
import io.effortmap.metrics.cohort.repository.CustomerActivityRepository;
import io.effortmap.metrics.config.MetricsConfig;
import io.effortmap.metrics.journey.client.Journey;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The stage funnel of a journey: volumes from the daily stage interaction buckets, distinct customers and stage-to-stage
 * conversion from the per-customer activity documents (one per customer of the journey).
 */
@ApplicationScoped
public class FunnelService {

    private final JourneyCatalog catalog;
    private final AggregateRepository buckets;
    private final BucketPlanner planner;
    private final MetricsConfig config;

    private final CustomerActivityRepository activity;

    FunnelService(JourneyCatalog catalog, AggregateRepository buckets, BucketPlanner planner, MetricsConfig config,
            CustomerActivityRepository activity) {
        this.catalog = catalog;
        this.buckets = buckets;
        this.planner = planner;
        this.config = config;
        this.activity = activity;
    }

    public Uni<Funnel> funnel(String workspace, String bearer, String journeyId, LocalDate from, LocalDate to) {
        PeriodRange range = PeriodRange.of(from, to, planner.dimensions().zone(workspace));
        return catalog.journey(workspace, journeyId, bearer).chain(journey -> buckets.interactions(workspace,
                        Scope.STAGE, journey.stages().stream()
                                .map(s -> InteractionPlanner.stageScopeId(journey.id(), s.id())).toList(),
                        Granularity.DAY, range.from(), range.to())
                .chain(found -> activity.stageDays(workspace, journey.id()).map(customers -> new Funnel(journey.id(),
                        range.from(), range.to(), steps(journey, found, reached(journey, customers, range))))));
    }

    /** Per customer, which of the journey's stages (by position) they had an interaction in during the range. */
    private static List<boolean[]> reached(Journey journey, List<Map<String, Set<LocalDate>>> customers,
            PeriodRange range) {
        List<boolean[]> reached = new ArrayList<>();
        for (Map<String, Set<LocalDate>> days : customers) {
            boolean[] stages = new boolean[journey.stages().size()];
            boolean any = false;
            for (int i = 0; i < stages.length; i++) {
                Set<LocalDate> inStage = days.get(journey.stages().get(i).id());
                stages[i] = inStage != null && inStage.stream()
                        .anyMatch(d -> !d.isBefore(range.from()) && !d.isAfter(range.to()));
                any |= stages[i];
            }
            if (any) {
                reached.add(stages);
            }
        }
        return reached;
    }

    private List<Funnel.StageStep> steps(Journey journey, List<InteractionBucket> found, List<boolean[]> reached) {
        Map<String, Totals> byStage = new HashMap<>();
        found.forEach(b -> byStage.computeIfAbsent(b.scopeId(), k -> new Totals()).add(b));
        List<Funnel.StageStep> steps = new ArrayList<>();
        Long first = null;
        for (int i = 0; i < journey.stages().size(); i++) {
            Journey.Stage stage = journey.stages().get(i);
            Totals t = byStage.getOrDefault(InteractionPlanner.stageScopeId(journey.id(), stage.id()), new Totals());
            first = first == null ? Long.valueOf(t.n) : first;
            long resolved = t.outcomes.getOrDefault("resolved", 0L);
            int index = i;
            long customers = reached.stream().filter(r -> r[index]).count();
            Long previous = i == 0 ? null : reached.stream().filter(r -> r[index - 1]).count();
            Long continued = i == 0 ? null : reached.stream().filter(r -> r[index - 1] && r[index]).count();
            Double conversion = previous == null || previous == 0 ? null : (double) continued / previous;
            steps.add(new Funnel.StageStep(stage.id(), stage.name(), t.n, t.outcomes,
                    t.n == 0 ? null : (double) resolved / t.n, Statistics.wilsonShare(resolved, t.n),
                    t.durationN == 0 ? null : (double) t.durationSum / t.durationN,
                    first == 0 ? null : (double) t.n / first, customers, continued, conversion,
                    previous == null ? null : Statistics.wilsonShare(continued, previous),
                    conversion == null ? null : 1 - conversion, t.n < config.lowSampleThreshold()));
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
