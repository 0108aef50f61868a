package io.effortmap.metrics.ingest.service;

import io.effortmap.metrics.aggregate.repository.AggregateRepository;
import io.effortmap.metrics.aggregate.service.BucketPlanner;
import io.effortmap.metrics.config.MetricsConfig;
import io.effortmap.metrics.feed.client.ResponseFeedPage;
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

    /** Versioned with the bucket layout: a new layout gets a fresh cursor and is rebuilt from the feed's start. */
    static final String FEED = "survey-responses.v2";

    private final SurveyFeedClient feed;
    private final AggregateRepository buckets;
    private final BucketPlanner planner;
    private final List<ResponsePageListener> listeners;

    @Inject
    ResponseIngestor(SurveyFeedClient feed, AggregateRepository buckets, BucketPlanner planner, CursorRepository cursors,
            LeaseRepository leases, MetricsConfig config, Vertx vertx, Instance<ResponsePageListener> listeners) {
        this(feed, buckets, planner, cursors, leases, config, vertx, UUID.randomUUID().toString(),
                listeners.stream().toList());
    }

    /** With an explicit instance id, so tests can run several competing ingestors in one JVM. */
    ResponseIngestor(SurveyFeedClient feed, AggregateRepository buckets, BucketPlanner planner, CursorRepository cursors,
            LeaseRepository leases, MetricsConfig config, Vertx vertx, String instance,
            List<ResponsePageListener> listeners) {
        super(FEED, cursors, leases, config, vertx, instance);
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
    Uni<Integer> step(String cursor, int limit) {
        return feed.after(cursor, limit).chain(page -> apply(page).replaceWith(page.items().size()));
    }

    private Uni<Void> apply(ResponseFeedPage page) {
        if (page.items().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return buckets.appliedPositions(planner.keys(page.items()))
                .chain(applied -> buckets.apply(planner.plan(page.items(), applied), applied))
                .chain(() -> notifyListeners(page.items()))
                .chain(() -> cursors.advance(FEED, page.next()));
    }

    private Uni<Void> notifyListeners(List<ResponseFeedPage.ResponseEvent> events) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ResponsePageListener listener : listeners) {
            chain = chain.chain(() -> listener.onResponses(events));
        }
        return chain;
    }
}
