package io.effortmap.metrics.correlation.service;

import io.effortmap.common.problem.ProblemException;
import io.effortmap.metrics.aggregate.repository.AggregateRepository;
import io.effortmap.metrics.aggregate.repository.PairBucket;
import io.effortmap.metrics.aggregate.service.BucketPlanner;
import io.effortmap.metrics.aggregate.service.PeriodRange;
import io.effortmap.metrics.aggregate.service.Statistics;
import io.effortmap.metrics.config.MetricsConfig;
import io.effortmap.metrics.scope.service.ScopeResolver;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

@ApplicationScoped
public class CorrelationService {

    private final AggregateRepository buckets;
    private final ScopeResolver scopes;
    private final BucketPlanner planner;
    private final MetricsConfig config;

    CorrelationService(AggregateRepository buckets, ScopeResolver scopes, BucketPlanner planner, MetricsConfig config) {
        this.buckets = buckets;
        this.scopes = scopes;
        this.planner = planner;
        this.config = config;
    }

    public Uni<Correlation> correlation(String workspace, String bearer, String pair, String scope, String id,
            String journeyId, LocalDate from, LocalDate to) {
        String normalizedPair = pair == null ? null : pair.trim().toUpperCase(Locale.ROOT);
        if (normalizedPair == null || !BucketPlanner.PAIRS.contains(normalizedPair)) {
            throw ProblemException.badRequest("pair", "must be CES_CSAT or CES_NPS");
        }
        if (scope != null && scope.trim().equalsIgnoreCase("question")) {
            // A pair spans two questions, so it has no question-level bucket.
            throw ProblemException.badRequest("scope", "must be one of workspace, survey, journey, stage, touchpoint");
        }
        String normalizedScope = ScopeResolver.validate(scope, id, journeyId, null);
        PeriodRange range = PeriodRange.of(from, to, planner.dimensions().zone(workspace));
        return scopes.resolve(workspace, bearer, normalizedScope, id, journeyId, null)
                .chain(resolved -> buckets.pairs(workspace, resolved.storedAs(), resolved.scopeIds(), normalizedPair,
                                range.from(), range.to())
                        .map(found -> new Correlation(normalizedPair, normalizedScope, resolved.id(), range.from(),
                                range.to(), results(found))));
    }

    private List<Correlation.Result> results(List<PairBucket> found) {
        Map<String, PairTotals> byScale = new TreeMap<>();
        found.forEach(b -> byScale.computeIfAbsent(b.scale(), k -> new PairTotals()).add(b));
        List<Correlation.Result> results = new ArrayList<>();
        byScale.forEach((scale, t) -> results.add(t.result(scale, config.lowSampleThreshold())));
        return results;
    }

    /** Sums of pair buckets; additive, so any union of days and touchpoints is exact. */
    static final class PairTotals {
        long n;
        long sumX;
        long sumY;
        long sumXX;
        long sumYY;
        long sumXY;
        final Map<String, Long> joint = new TreeMap<>();

        void add(PairBucket b) {
            n += b.n();
            sumX += b.sumX();
            sumY += b.sumY();
            sumXX += b.sumXX();
            sumYY += b.sumYY();
            sumXY += b.sumXY();
            b.joint().forEach((cell, count) -> joint.merge(cell, count, Long::sum));
        }

        Correlation.Result result(String scale, int threshold) {
            // scale is "CES_AGREEMENT:1-7~CSAT:1-5"
            String[] sides = scale.split("~", 2);
            String[] ces = sides[0].split(":", 2);
            String[] range = ces[1].split("-", 2);
            Map<Integer, Map<Integer, Long>> cells = new TreeMap<>();
            joint.forEach((cell, count) -> {
                String[] xy = cell.split("_", 2);
                cells.computeIfAbsent(Integer.parseInt(xy[0]), k -> new TreeMap<>())
                        .merge(Integer.parseInt(xy[1]), count, Long::sum);
            });
            Double pearson = Statistics.pearson(n, sumX, sumY, sumXX, sumYY, sumXY);
            Double spearman = Statistics.spearman(cells);
            return new Correlation.Result(ces[0], Integer.parseInt(range[0]), Integer.parseInt(range[1]), sides[1], n,
                    pearson, Statistics.pearsonInterval(pearson, n), spearman,
                    Statistics.spearmanInterval(cells), joint, n < threshold);
        }
    }
}
