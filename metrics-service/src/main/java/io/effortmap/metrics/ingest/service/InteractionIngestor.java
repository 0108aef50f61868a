package io.effortmap.metrics.ingest.service;

import io.effortmap.metrics.aggregate.repository.AggregateRepository;
import io.effortmap.metrics.aggregate.service.Granularity;
import io.effortmap.metrics.aggregate.service.InteractionPlanner;
import io.effortmap.metrics.cohort.repository.CustomerActivityRepository;
import io.effortmap.metrics.config.MetricsConfig;
import io.effortmap.metrics.feed.client.InteractionFeedClient;
import io.effortmap.metrics.feed.client.InteractionFeedPage;
import io.effortmap.metrics.ingest.repository.CursorRepository;
import io.effortmap.metrics.ingest.repository.LeaseRepository;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** Follows journey-service's interaction feed into the interaction buckets. */
// Singleton: no client proxy, which a subclass of FeedIngestor (no no-args constructor) could not have.
@Singleton
public class InteractionIngestor extends FeedIngestor {

    static final String FEED = "journey-interactions";

    private final InteractionFeedClient feed;
    private final AggregateRepository buckets;
    private final InteractionPlanner planner;
    private final CustomerActivityRepository activity;

    @Inject
    InteractionIngestor(InteractionFeedClient feed, AggregateRepository buckets, InteractionPlanner planner,
            CustomerActivityRepository activity, CursorRepository cursors, LeaseRepository leases,
            GenerationCoordinator coordinator, MetricsConfig config, Vertx vertx) {
        super(FEED, cursors, leases, coordinator, config, vertx, UUID.randomUUID().toString());
        this.activity = activity;
        this.feed = feed;
        this.buckets = buckets;
        this.planner = planner;
    }

    void start(@Observes StartupEvent event) {
        begin();
    }

    void stop(@Observes ShutdownEvent event) {
        end();
    }

    /** Moves to {@code next} even after an empty page: it advances past positions that hold no interaction. */
    @Override
    Uni<Integer> step(Target target, int limit) {
        return feed.after(target.cursor().cursor(), limit).chain(page -> apply(target.generation(), page)
                .invoke(() -> {
                    if (target.live() && !page.items().isEmpty()) {
                        appliedLive(page.items().getLast().receivedAt());
                    }
                })
                .chain(() -> advance(target, page.next(), page.items().size(), limit))
                .replaceWith(page.items().size()));
    }

    /** Customer activity is not per generation: its writes are idempotent sets, so a rebuild adds nothing to it. */
    private Uni<Void> apply(int generation, InteractionFeedPage page) {
        if (page.items().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return buckets.appliedPositions(generation, planner.keys(page.items()))
                .chain(applied -> buckets.apply(generation, planner.plan(page.items(), applied), applied))
                .chain(() -> activity.record(activities(page)));
    }

    /** Active weeks and months, and days per stage, per customer and journey; idempotent, so a replayed page adds nothing. */
    private List<CustomerActivityRepository.Activity> activities(InteractionFeedPage page) {
        Map<List<String>, Set<LocalDate>> weeks = new LinkedHashMap<>();
        Map<List<String>, Set<LocalDate>> months = new LinkedHashMap<>();
        Map<List<String>, Map<String, Set<LocalDate>>> stageDays = new LinkedHashMap<>();
        for (InteractionFeedPage.InteractionEvent e : page.items()) {
            LocalDate day = planner.day(e);
            if (day != null && e.journeyId() != null && e.customerId() != null) {
                List<String> key = List.of(e.workspace(), e.journeyId(), e.customerId());
                weeks.computeIfAbsent(key, k -> new TreeSet<>()).add(Granularity.WEEK.start(day));
                months.computeIfAbsent(key, k -> new TreeSet<>()).add(Granularity.MONTH.start(day));
                Map<String, Set<LocalDate>> stages = stageDays.computeIfAbsent(key, k -> new LinkedHashMap<>());
                if (e.stageId() != null && CustomerActivityRepository.STAGE_ID.matcher(e.stageId()).matches()) {
                    stages.computeIfAbsent(e.stageId(), k -> new TreeSet<>()).add(day);
                }
            }
        }
        return weeks.entrySet().stream().map(w -> new CustomerActivityRepository.Activity(w.getKey().get(0),
                w.getKey().get(1), w.getKey().get(2), w.getValue(), months.get(w.getKey()), stageDays.get(w.getKey()))).toList();
    }
}
