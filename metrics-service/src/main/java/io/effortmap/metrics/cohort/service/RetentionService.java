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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Cohorts from the per-customer active-week sets. Distinct customers are not additive across buckets, so this is the
 * one query that reads one small document per customer of the journey rather than period buckets.
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

    /** Cohorts whose first week lies in the range; activity is followed up to the range's last week. */
    public Uni<Retention> retention(String workspace, String bearer, String journeyId, LocalDate from, LocalDate to) {
        ZoneId zone = planner.dimensions().zone(workspace);
        PeriodRange range = PeriodRange.of(from, to, zone);
        LocalDate first = Granularity.WEEK.start(range.from());
        LocalDate last = Granularity.WEEK.start(range.to());
        return catalog.journey(workspace, journeyId, bearer)
                .chain(journey -> activity.weeks(workspace, journey.id()))
                .map(customers -> new Retention(journeyId, first, last.plusDays(6), zone.getId(),
                        cohorts(customers, first, last)));
    }

    private List<Retention.Cohort> cohorts(List<Set<LocalDate>> customers, LocalDate first, LocalDate last) {
        Map<LocalDate, long[]> active = new TreeMap<>();
        int span = (int) ChronoUnit.WEEKS.between(first, last) + 1;
        for (Set<LocalDate> weeks : customers) {
            LocalDate cohort = weeks.stream().min(LocalDate::compareTo).orElseThrow();
            if (cohort.isBefore(first) || cohort.isAfter(last)) {
                continue;
            }
            long[] counts = active.computeIfAbsent(cohort, k -> new long[span]);
            for (LocalDate week : weeks) {
                if (!week.isAfter(last)) {
                    counts[(int) ChronoUnit.WEEKS.between(cohort, week)]++;
                }
            }
        }
        List<Retention.Cohort> cohorts = new ArrayList<>();
        active.forEach((cohort, counts) -> {
            long size = counts[0];
            int offsets = (int) ChronoUnit.WEEKS.between(cohort, last) + 1;
            List<Retention.WeekRetention> weeks = new ArrayList<>();
            for (int k = 0; k < offsets; k++) {
                weeks.add(new Retention.WeekRetention(k, cohort.plusWeeks(k), counts[k], (double) counts[k] / size,
                        Statistics.wilsonShare(counts[k], size)));
            }
            long churned = size - counts[offsets - 1];
            cohorts.add(new Retention.Cohort(cohort, size, weeks, offsets > 1 ? (double) churned / size : null,
                    offsets > 1 ? Statistics.wilsonShare(churned, size) : null,
                    size < config.lowSampleThreshold()));
        });
        return cohorts;
    }
}
