package io.effortmap.metrics.ingest.service;

import io.effortmap.metrics.aggregate.repository.BucketRepository;
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
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Follows survey-service's response feed: take the lease, read a page after the saved cursor, fold it into the
 * buckets, then save the cursor. A crash between the last two steps only causes the page to be read again, and the
 * conditional bucket writes ignore what was already applied.
 */
@ApplicationScoped
public class ResponseIngestor {

    static final String FEED = "survey-responses";
    private static final Logger LOG = Logger.getLogger(ResponseIngestor.class);

    private final SurveyFeedClient feed;
    private final BucketRepository buckets;
    private final CursorRepository cursors;
    private final LeaseRepository leases;
    private final MetricsConfig config;
    private final Vertx vertx;
    private final String instance = UUID.randomUUID().toString();
    private final AtomicBoolean running = new AtomicBoolean();

    ResponseIngestor(SurveyFeedClient feed, BucketRepository buckets, CursorRepository cursors, LeaseRepository leases,
            MetricsConfig config, Vertx vertx) {
        this.feed = feed;
        this.buckets = buckets;
        this.cursors = cursors;
        this.leases = leases;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        if (config.feed().enabled() && running.compareAndSet(false, true)) {
            schedule(Duration.ZERO);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (running.compareAndSet(true, false)) {
            leases.release(FEED, instance).subscribe().with(ok -> { }, failure -> { });
        }
    }

    private void schedule(Duration delay) {
        if (!running.get()) {
            return;
        }
        vertx.setTimer(Math.max(1, delay.toMillis()), id -> pollOnce().subscribe().with(
                this::schedule,
                failure -> {
                    LOG.warnf("Response feed poll failed, retrying in %s: %s", config.feed().errorBackoff(), failure.toString());
                    schedule(config.feed().errorBackoff());
                }));
    }

    /** One poll; answers how long to wait before the next. */
    Uni<Duration> pollOnce() {
        return leases.acquire(FEED, instance, config.feed().leaseTtl()).chain(held -> {
            if (!held) {
                return Uni.createFrom().item(config.feed().errorBackoff());
            }
            return cursors.load(FEED)
                    .chain(cursor -> feed.after(cursor, config.feed().batchSize()))
                    .chain(page -> apply(page).replaceWith(
                            page.items().size() >= config.feed().batchSize() ? Duration.ZERO : config.feed().idlePoll()));
        });
    }

    private Uni<Void> apply(ResponseFeedPage page) {
        if (page.items().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return buckets.appliedPositions(BucketPlanner.keys(page.items()))
                .chain(applied -> buckets.apply(BucketPlanner.plan(page.items(), applied), applied))
                .chain(() -> cursors.advance(FEED, page.next()));
    }
}
