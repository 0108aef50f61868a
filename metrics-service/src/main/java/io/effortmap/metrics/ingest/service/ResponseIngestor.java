package io.effortmap.metrics.ingest.service;

import io.effortmap.metrics.aggregate.repository.AggregateRepository;
import io.effortmap.metrics.aggregate.service.BucketPlanner;
import io.effortmap.metrics.config.MetricsConfig;
import io.effortmap.metrics.feed.client.ResponseFeedPage;
import io.effortmap.metrics.feed.client.ResponseFeedPage.ResponseEvent;
import io.effortmap.metrics.feed.client.SurveyFeedClient;
import io.effortmap.metrics.ingest.repository.CursorRepository;
import io.effortmap.metrics.ingest.repository.LeaseRepository;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;

/** Follows survey-service's response feed into the metric and pair buckets. */
// Singleton: no client proxy, which a subclass of FeedIngestor (no no-args constructor) could not have.
@Singleton
public class ResponseIngestor extends FeedIngestor {

    static final String FEED = "survey-responses";

    private final SurveyFeedClient feed;
    private final AggregateRepository buckets;
    private final BucketPlanner planner;
    private final List<ResponsePageListener> listeners;

    @Inject
    ResponseIngestor(SurveyFeedClient feed, AggregateRepository buckets, BucketPlanner planner, CursorRepository cursors,
            LeaseRepository leases, GenerationCoordinator coordinator, MetricsConfig config, Vertx vertx,
            Instance<ResponsePageListener> listeners) {
        this(feed, buckets, planner, cursors, leases, coordinator, config, vertx, UUID.randomUUID().toString(),
                listeners.stream().toList());
    }

    /** With an explicit instance id, so tests can run several competing ingestors in one JVM. */
    ResponseIngestor(SurveyFeedClient feed, AggregateRepository buckets, BucketPlanner planner, CursorRepository cursors,
            LeaseRepository leases, GenerationCoordinator coordinator, MetricsConfig config, Vertx vertx,
            String instance, List<ResponsePageListener> listeners) {
        super(FEED, cursors, leases, coordinator, config, vertx, instance);
        this.feed = feed;
        this.buckets = buckets;
        this.planner = planner;
        this.listeners = listeners;
    }

    void start(@Observes StartupEvent event) {
        begin();
    }

    void stop(@Observes ShutdownEvent event) {
        end();
    }

    @Override
    Uni<Integer> step(Target target, int limit) {
        return feed.after(target.cursor().cursor(), limit).chain(page -> apply(target, page)
                .chain(() -> advance(target, page.next(), page.items().size(), limit))
                .replaceWith(page.items().size()));
    }

    private Uni<Void> apply(Target target, ResponseFeedPage page) {
        if (page.items().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int generation = target.generation();
        BucketPlanner.Page planned = planner.page(page.items());
        return buckets.appliedPositions(generation, planned.keys())
                .chain(applied -> buckets.apply(generation, planned.plan(applied), applied))
                .invoke(() -> {
                    if (target.live()) {
                        appliedLive(page.items().getLast().receivedAt());
                    }
                })
                .chain(() -> notifyListeners(target.live() ? page.items() : unseenByLive(page.items(), target.liveCursor())));
    }

    /** Items the live generation has not read yet; a rebuild tells listeners about those, so none is missed at the switch. */
    private static List<ResponseEvent> unseenByLive(List<ResponseEvent> events, String liveCursor) {
        return liveCursor == null ? events
                : events.stream().filter(e -> e.position().compareTo(liveCursor) > 0).toList();
    }

    private Uni<Void> notifyListeners(List<ResponseEvent> events) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        if (events.isEmpty()) {
            return chain;
        }
        for (ResponsePageListener listener : listeners) {
            chain = chain.chain(() -> listener.onResponses(events));
        }
        return chain;
    }
}
