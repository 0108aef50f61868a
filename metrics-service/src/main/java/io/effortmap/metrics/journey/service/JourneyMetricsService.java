package io.effortmap.metrics.journey.service;

import io.effortmap.metrics.aggregate.repository.AggregateRepository;
import io.effortmap.metrics.aggregate.repository.MetricBucket;
import io.effortmap.metrics.aggregate.service.AggregateKey;
import io.effortmap.metrics.aggregate.service.BucketPlanner;
import io.effortmap.metrics.aggregate.service.FigureSet;
import io.effortmap.metrics.aggregate.service.PeriodRange;
import io.effortmap.metrics.aggregate.service.Scope;
import io.effortmap.metrics.config.MetricsConfig;
import io.effortmap.metrics.journey.client.Journey;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The journey scorecard: one read of the journey's touchpoint buckets, stages summed from their touchpoints. */
@ApplicationScoped
public class JourneyMetricsService {

    static final List<String> METRICS = List.of("CES", "CSAT", "NPS");

    private final JourneyCatalog catalog;
    private final AggregateRepository buckets;
    private final BucketPlanner planner;
    private final MetricsConfig config;

    JourneyMetricsService(JourneyCatalog catalog, AggregateRepository buckets, BucketPlanner planner,
            MetricsConfig config) {
        this.catalog = catalog;
        this.buckets = buckets;
        this.planner = planner;
        this.config = config;
    }

    public Uni<Scorecard> scorecard(String workspace, String bearer, String journeyId, LocalDate from, LocalDate to) {
        PeriodRange range = PeriodRange.of(from, to, planner.dimensions().zone(workspace));
        return catalog.journey(workspace, journeyId, bearer).chain(journey -> load(workspace, journey, range)
                .map(data -> scorecard(journey, range, data)));
    }

    /** Buckets covering the range for every touchpoint of the journey, and the journey's own buckets. */
    Uni<JourneyData> load(String workspace, Journey journey, PeriodRange range) {
        List<String> touchpointIds = journey.stages().stream().flatMap(s -> s.touchpoints().stream())
                .map(tp -> BucketPlanner.touchpointScopeId(journey.id(), tp.id())).toList();
        // Both reads at once: the journey's own buckets do not depend on its touchpoints'.
        return Uni.combine().all().unis(
                        buckets.metrics(workspace, Scope.TOUCHPOINT, touchpointIds, AggregateKey.ALL, METRICS, range),
                        buckets.metrics(workspace, Scope.JOURNEY, List.of(journey.id()), AggregateKey.ALL, METRICS, range))
                .asTuple().map(both -> new JourneyData(journey, both.getItem1(), both.getItem2()));
    }

    record JourneyData(Journey journey, List<MetricBucket> touchpointBuckets, List<MetricBucket> journeyBuckets) {

        /** Buckets per touchpoint id. */
        Map<String, List<MetricBucket>> byTouchpoint() {
            Map<String, List<MetricBucket>> grouped = new HashMap<>();
            for (MetricBucket bucket : touchpointBuckets) {
                grouped.computeIfAbsent(bucket.scopeId().substring(journey.id().length() + 1), k -> new ArrayList<>())
                        .add(bucket);
            }
            return grouped;
        }
    }

    /** Buckets summed per metric. */
    static Map<String, FigureSet> perMetric(Iterable<MetricBucket> found) {
        Map<String, FigureSet> sets = new HashMap<>();
        found.forEach(b -> sets.computeIfAbsent(b.metric(), k -> new FigureSet()).add(b));
        return sets;
    }

    private Scorecard scorecard(Journey journey, PeriodRange range, JourneyData data) {
        Map<String, List<MetricBucket>> byTouchpoint = data.byTouchpoint();
        List<Scorecard.StageCard> stages = new ArrayList<>();
        for (Journey.Stage stage : journey.stages()) {
            List<MetricBucket> stageBuckets = new ArrayList<>();
            List<Scorecard.TouchpointCard> cards = new ArrayList<>();
            for (Journey.StageTouchpoint tp : stage.touchpoints()) {
                List<MetricBucket> own = byTouchpoint.getOrDefault(tp.id(), List.of());
                stageBuckets.addAll(own);
                cards.add(new Scorecard.TouchpointCard(tp.id(), tp.name(), tp.channel(), figures(perMetric(own), tp)));
            }
            stages.add(new Scorecard.StageCard(stage.id(), stage.name(), figures(perMetric(stageBuckets), null), cards));
        }
        return new Scorecard(journey.id(), journey.name(), journey.version(), range.from(), range.to(),
                figures(perMetric(data.journeyBuckets()), null), stages);
    }

    private Map<String, List<TargetedFigure>> figures(Map<String, FigureSet> sets, Journey.StageTouchpoint tp) {
        Map<String, List<TargetedFigure>> out = new LinkedHashMap<>();
        for (String metric : METRICS) {
            FigureSet set = sets.getOrDefault(metric, new FigureSet());
            out.put(metric, set.figures(config.lowSampleThreshold()).stream()
                    .map(f -> TargetedFigure.of(f, tp == null ? null : tp.target(metric, f.scoring()))).toList());
        }
        return out;
    }
}
