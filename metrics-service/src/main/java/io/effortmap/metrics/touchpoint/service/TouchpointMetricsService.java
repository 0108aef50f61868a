package io.effortmap.metrics.touchpoint.service;

import io.effortmap.common.problem.ProblemException;
import io.effortmap.metrics.aggregate.repository.BucketRepository;
import io.effortmap.metrics.config.MetricsConfig;
import io.effortmap.metrics.journey.client.JourneyClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bson.Document;

@ApplicationScoped
public class TouchpointMetricsService {

    static final Set<String> METRICS = Set.of("CES", "CSAT", "NPS");
    /** Longest period one request may span: ~5 years of daily buckets. */
    static final int MAX_DAYS = 1830;

    private final BucketRepository buckets;
    private final JourneyClient journeys;
    private final MetricsConfig config;

    TouchpointMetricsService(BucketRepository buckets, JourneyClient journeys, MetricsConfig config) {
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
        String normalized = metric == null ? "CES" : metric.toUpperCase(java.util.Locale.ROOT);
        if (!METRICS.contains(normalized)) {
            return Uni.createFrom().failure(ProblemException.badRequest("metric", "must be one of CES, CSAT, NPS"));
        }
        LocalDate end = to != null ? to : LocalDate.now(ZoneOffset.UTC);
        LocalDate start = from != null ? from : end.minusDays(89);
        if (start.isAfter(end)) {
            return Uni.createFrom().failure(ProblemException.badRequest("from", "must not be after 'to'"));
        }
        if (start.plusDays(MAX_DAYS).isBefore(end)) {
            return Uni.createFrom().failure(ProblemException.badRequest("from", "period is longer than " + MAX_DAYS + " days"));
        }
        return journeys.touchpoint(journeyId, touchpointId, bearer)
                .chain(tp -> buckets.find(workspace, journeyId, touchpointId, normalized, start, end)
                        .map(docs -> new TouchpointMetrics(journeyId, touchpointId, tp.name(), normalized, start, end,
                                tp.targets() == null ? null : tp.targets().get(normalized), figures(docs))));
    }

    private List<MetricFigure> figures(List<Document> docs) {
        Map<String, Totals> byScale = new TreeMap<>();
        for (Document doc : docs) {
            String scale = doc.getString("scoring") + "|" + doc.getInteger("scaleMin") + "|" + doc.getInteger("scaleMax");
            byScale.computeIfAbsent(scale, k -> new Totals(doc.getString("scoring"), doc.getInteger("scaleMin"),
                    doc.getInteger("scaleMax"))).add(doc);
        }
        List<MetricFigure> figures = new ArrayList<>();
        for (Totals t : byScale.values()) {
            figures.add(FigureCalculator.figure(t.scoring, t.scaleMin, t.scaleMax, t.n, t.sum, t.sumSquares, t.histogram,
                    config.lowSampleThreshold()));
        }
        return figures;
    }

    private static final class Totals {
        final String scoring;
        final int scaleMin;
        final int scaleMax;
        long n;
        long sum;
        long sumSquares;
        final Map<Integer, Long> histogram = new TreeMap<>();

        Totals(String scoring, int scaleMin, int scaleMax) {
            this.scoring = scoring;
            this.scaleMin = scaleMin;
            this.scaleMax = scaleMax;
        }

        void add(Document bucket) {
            n += bucket.get("n", Number.class).longValue();
            sum += bucket.get("sum", Number.class).longValue();
            sumSquares += bucket.get("sumSq", Number.class).longValue();
            BucketRepository.histogram(bucket).forEach((score, count) -> histogram.merge(score, count, Long::sum));
        }
    }
}
