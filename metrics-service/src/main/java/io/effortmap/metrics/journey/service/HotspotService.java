package io.effortmap.metrics.journey.service;

import io.effortmap.metrics.aggregate.repository.MetricBucket;
import io.effortmap.metrics.aggregate.service.BucketPlanner;
import io.effortmap.metrics.aggregate.service.FigureSet;
import io.effortmap.metrics.aggregate.service.MetricFigure;
import io.effortmap.metrics.aggregate.service.PeriodRange;
import io.effortmap.metrics.aggregate.service.Statistics.Interval;
import io.effortmap.metrics.config.MetricsConfig;
import io.effortmap.metrics.journey.client.Journey;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Friction hotspots of a journey, read from the same touchpoint buckets as the scorecard. */
@ApplicationScoped
public class HotspotService {

    static final String RULE = "Ranked only when n >= %d, frictionScore > 0 and the 95%% interval of the CES mean lies "
            + "entirely on the hard side of the comparator (the touchpoint's CES target, else the CES mean of the rest "
            + "of the journey on the same scale, this touchpoint's answers excluded): upper bound below it on "
            + "CES_AGREEMENT, lower bound above it on CES_EFFORT. Ranked by frictionScore = difficulty x volumeShare x "
            + "detractorShare; detractorShare comes from NPS only with n >= %<d NPS answers, else from the CES answers.";

    private final JourneyCatalog catalog;
    private final JourneyMetricsService journeys;
    private final MetricsConfig config;
    private final BucketPlanner planner;

    HotspotService(JourneyCatalog catalog, JourneyMetricsService journeys, MetricsConfig config, BucketPlanner planner) {
        this.planner = planner;
        this.catalog = catalog;
        this.journeys = journeys;
        this.config = config;
    }

    public Uni<Hotspots> hotspots(String workspace, String bearer, String journeyId, LocalDate from, LocalDate to) {
        PeriodRange range = PeriodRange.of(from, to, planner.dimensions().zone(workspace));
        return catalog.journey(workspace, journeyId, bearer)
                .chain(journey -> journeys.load(workspace, journey, range).map(data -> rank(journey, range, data)));
    }

    private Hotspots rank(Journey journey, PeriodRange range, JourneyMetricsService.JourneyData data) {
        int threshold = config.lowSampleThreshold();
        Map<String, FigureSet> overall = JourneyMetricsService.perMetric(data.journeyBuckets());
        Map<String, List<MetricBucket>> byTouchpoint = data.byTouchpoint();
        List<Candidate> candidates = new ArrayList<>();
        for (Journey.Stage stage : journey.stages()) {
            for (Journey.StageTouchpoint tp : stage.touchpoints()) {
                Map<String, FigureSet> sets = JourneyMetricsService.perMetric(byTouchpoint.getOrDefault(tp.id(), List.of()));
                // Touchpoints on different CES scales are compared through the scale they have most answers on.
                Optional<MetricFigure> ces = Optional.ofNullable(sets.get("CES"))
                        .flatMap(set -> set.figures(threshold).stream().max(Comparator.comparingLong(MetricFigure::n)));
                ces.ifPresent(f -> candidates.add(new Candidate(stage, tp, f,
                        sets.get("CES").totals().stream().mapToLong(FigureSet.Totals::n).sum(),
                        Optional.ofNullable(sets.get("NPS")).map(set -> set.figures(threshold)).orElse(List.of()))));
            }
        }
        // All CES answers of the journey's touchpoints, on every scale, as the README defines the share.
        long volume = candidates.stream().mapToLong(Candidate::cesAnswers).sum();
        List<Hotspots.Entry> entries = new ArrayList<>();
        for (Candidate c : candidates) {
            entries.add(entry(c, volume, overall.get("CES"), threshold));
        }
        entries.sort(Comparator.comparingDouble(Hotspots.Entry::frictionScore).reversed()
                .thenComparing(Hotspots.Entry::touchpointId));
        List<Hotspots.Entry> ranked = new ArrayList<>();
        List<Hotspots.Entry> unranked = new ArrayList<>();
        for (Hotspots.Entry e : entries) {
            if (e.supported()) {
                ranked.add(withRank(e, ranked.size() + 1));
            } else {
                unranked.add(e);
            }
        }
        return new Hotspots(journey.id(), range.from(), range.to(), RULE.formatted(threshold), ranked, unranked);
    }

    private record Candidate(Journey.Stage stage, Journey.StageTouchpoint touchpoint, MetricFigure ces,
            long cesAnswers, List<MetricFigure> nps) {
    }

    private static Hotspots.Entry entry(Candidate c, long volume, FigureSet journeyCes, int threshold) {
        MetricFigure f = c.ces();
        boolean effortScale = "CES_EFFORT".equals(f.scoring());
        double span = f.scaleMax() - f.scaleMin();
        double difficulty = effortScale ? (f.mean() - f.scaleMin()) / span : (f.scaleMax() - f.mean()) / span;
        Double comparator = c.touchpoint().target("CES", f.scoring());
        String comparatorBasis = "target";
        if (comparator == null) {
            comparatorBasis = "restOfJourneyMean";
            comparator = journeyCes == null ? null : journeyCes.figures(threshold).stream()
                    .filter(j -> j.scoring().equals(f.scoring()) && j.scaleMin() == f.scaleMin()
                            && j.scaleMax() == f.scaleMax())
                    .findFirst().map(j -> restMean(j, f)).orElse(null);
        }
        long npsN = c.nps().stream().mapToLong(MetricFigure::n).sum();
        double detractorShare;
        String detractorBasis;
        // One NPS answer must not decide a rank: below the minimum n the CES answers stand in.
        if (npsN >= threshold) {
            long detractors = c.nps().stream().mapToLong(n -> count(n.histogram(), 0, 6)).sum();
            detractorShare = (double) detractors / npsN;
            detractorBasis = "NPS";
        } else {
            // Without NPS answers the hardest two points of the CES scale stand in for detractors.
            long hard = effortScale ? count(f.histogram(), f.scaleMax() - 1, f.scaleMax())
                    : count(f.histogram(), f.scaleMin(), f.scaleMin() + 1);
            detractorShare = (double) hard / f.n();
            detractorBasis = "CES";
        }
        double volumeShare = volume == 0 ? 0 : (double) c.cesAnswers() / volume;
        double frictionScore = difficulty * volumeShare * detractorShare;
        String reason = reason(f, comparator, effortScale, threshold, frictionScore);
        return new Hotspots.Entry(null, c.touchpoint().id(), c.touchpoint().name(), c.stage().id(), c.stage().name(),
                f.scoring(), f.scaleMin(), f.scaleMax(), f.n(), f.mean(), f.meanCi95(), f.histogram(), f.lowSample(),
                comparator, comparator == null ? null : comparatorBasis, difficulty, volumeShare, detractorShare,
                detractorBasis, frictionScore, reason == null, reason);
    }

    /** The mean of the journey's answers on the figure's scale without the touchpoint's own; null if none are left. */
    private static Double restMean(MetricFigure journey, MetricFigure touchpoint) {
        long n = journey.n() - touchpoint.n();
        if (n <= 0) {
            return null;
        }
        long sum = 0;
        for (Map.Entry<Integer, Long> e : journey.histogram().entrySet()) {
            sum += e.getKey() * (e.getValue() - touchpoint.histogram().getOrDefault(e.getKey(), 0L));
        }
        return (double) sum / n;
    }

    private static String reason(MetricFigure f, Double comparator, boolean effortScale, int threshold,
            double frictionScore) {
        if (f.n() < threshold) {
            return "n below " + threshold;
        }
        if (frictionScore == 0) {
            return "no friction: no hard answers";
        }
        Interval ci = f.meanCi95();
        if (comparator == null || ci == null) {
            return "no comparator";
        }
        boolean worse = effortScale ? ci.low() > comparator : ci.high() < comparator;
        return worse ? null : "interval does not exclude the comparator";
    }

    private static Hotspots.Entry withRank(Hotspots.Entry e, int rank) {
        return new Hotspots.Entry(rank, e.touchpointId(), e.name(), e.stageId(), e.stageName(), e.scoring(),
                e.scaleMin(), e.scaleMax(), e.n(), e.mean(), e.meanCi95(), e.histogram(), e.lowSample(), e.comparator(),
                e.comparatorBasis(), e.difficulty(), e.volumeShare(), e.detractorShare(), e.detractorBasis(),
                e.frictionScore(), e.supported(), e.reason());
    }

    private static long count(Map<Integer, Long> histogram, int from, int to) {
        long total = 0;
        for (int score = from; score <= to; score++) {
            total += histogram.getOrDefault(score, 0L);
        }
        return total;
    }
}
