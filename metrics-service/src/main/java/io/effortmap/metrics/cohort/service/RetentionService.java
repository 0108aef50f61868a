package io.effortmap.metrics.cohort.service;

import io.effortmap.metrics.aggregate.service.BucketPlanner;
import io.effortmap.metrics.aggregate.service.Granularity;
import io.effortmap.metrics.aggregate.service.PeriodRange;
import io.effortmap.metrics.aggregate.service.Statistics;
import io.effortmap.metrics.cohort.repository.CustomerActivityRepository;
import io.effortmap.metrics.config.MetricsConfig;
import io.effortmap.metrics.journey.service.JourneyCatalog;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Cohorts from the per-customer active-week or active-month sets. Distinct customers are not additive across buckets,
 * so this is the one query that reads one small document per customer of the journey rather than period buckets.
 */
@ApplicationScoped
public class RetentionService {

    private final JourneyCatalog catalog;
    private final CustomerActivityRepository activity;
    private final BucketPlanner planner;
    private final MetricsConfig config;
    RetentionService(JourneyCatalog catalog, CustomerActivityRepository activity, BucketPlanner planner,
            MetricsConfig config) {
        this.catalog = catalog;
        this.activity = activity;
        this.planner = planner;
        this.config = config;
    }

    /**
     * Cohorts whose first period lies in the range, followed up to the range's last complete period. The period that
     * contains today is left out, as a cohort and as a column: it is still filling, and counting it would show every
     * finished cohort as churned.
     */
    public Uni<Retention> retention(String workspace, String bearer, String journeyId, LocalDate from, LocalDate to,
            String period) {
        Granularity granularity = Granularity.weekOrMonth("period", period);
        ZoneId zone = planner.dimensions().zone(workspace);
        PeriodRange range = PeriodRange.of(from, to, zone);
        LocalDate first = granularity.start(range.from());
        LocalDate last = granularity.start(range.to());
        LocalDate filling = granularity.start(LocalDate.now(zone));
        LocalDate lastComplete = last.isBefore(filling) ? last : granularity.previous(filling);
        LocalDate end = granularity.next(last).minusDays(1);
        if (lastComplete.isBefore(first)) {
            return catalog.journey(workspace, journeyId, bearer).map(journey -> new Retention(journeyId,
                    granularity.value(), first, end, null, zone.getId(), List.of()));
        }
        return catalog.journey(workspace, journeyId, bearer)
                .chain(journey -> activity.activePeriods(workspace, journey.id(), granularity == Granularity.MONTH))
                .map(customers -> new Retention(journeyId, granularity.value(), first, end,
                        granularity.next(lastComplete).minusDays(1), zone.getId(),
                        cohorts(customers, granularity, first, lastComplete)));
    }

    private List<Retention.Cohort> cohorts(List<Set<LocalDate>> customers, Granularity granularity, LocalDate first,
            LocalDate last) {
        int span = granularity.periodsBetween(first, last) + 1;
        Map<LocalDate, long[]> active = new TreeMap<>();
        for (Set<LocalDate> periods : customers) {
            LocalDate cohort = periods.stream().min(LocalDate::compareTo).orElseThrow();
            if (cohort.isBefore(first) || cohort.isAfter(last)) {
                continue;
            }
            long[] counts = active.computeIfAbsent(cohort, k -> new long[span]);
            for (LocalDate p : periods) {
                if (!p.isAfter(last)) {
                    counts[granularity.periodsBetween(cohort, p)]++;
                }
            }
        }
        List<Retention.Cohort> cohorts = new ArrayList<>();
        active.forEach((cohort, counts) -> {
            long size = counts[0];
            int offsets = granularity.periodsBetween(cohort, last) + 1;
            List<Retention.WeekRetention> periods = new ArrayList<>();
            LocalDate start = cohort;
            for (int k = 0; k < offsets; k++, start = granularity.next(start)) {
                periods.add(new Retention.WeekRetention(k, start, start, counts[k],
                        (double) counts[k] / size, Statistics.wilsonShare(counts[k], size)));
            }
            long churned = size - counts[offsets - 1];
            cohorts.add(new Retention.Cohort(cohort, cohort, size, periods, periods,
                    offsets > 1 ? (double) churned / size : null,
                    offsets > 1 ? Statistics.wilsonShare(churned, size) : null, size < config.lowSampleThreshold()));
        });
        return cohorts;
    }
}
