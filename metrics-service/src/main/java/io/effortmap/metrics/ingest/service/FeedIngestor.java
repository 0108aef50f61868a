package io.effortmap.metrics.ingest.service;

import io.effortmap.metrics.config.MetricsConfig;
import io.effortmap.metrics.ingest.repository.CursorRepository;
import io.effortmap.metrics.ingest.repository.LeaseRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Follows one change feed: take the lease, read a page after the saved cursor, fold it into the buckets, then save
 * the cursor. A crash between the last two steps only causes the page to be read again, and the conditional bucket
 * writes ignore what was already applied.
 */
abstract class FeedIngestor {

    private static final Logger LOG = Logger.getLogger(FeedIngestor.class);

    private final String feed;
    protected final CursorRepository cursors;
    private final LeaseRepository leases;
    private final MetricsConfig config;
    private final Vertx vertx;
    private final String instance;
    private final AtomicBoolean running = new AtomicBoolean();

    FeedIngestor(String feed, CursorRepository cursors, LeaseRepository leases, MetricsConfig config, Vertx vertx,
            String instance) {
        this.feed = feed;
        this.cursors = cursors;
        this.leases = leases;
        this.config = config;
        this.vertx = vertx;
        this.instance = instance;
    }

    /** Reads the page after {@code cursor}, applies it and saves the new cursor; answers the number of items read. */
    abstract Uni<Integer> step(String cursor, int limit);

    void begin() {
        if (config.feed().enabled() && running.compareAndSet(false, true)) {
            schedule(Duration.ZERO);
        }
    }

    void end() {
        if (running.compareAndSet(true, false)) {
            leases.release(feed, instance).subscribe().with(ok -> { }, failure -> { });
        }
    }

    private void schedule(Duration delay) {
        if (!running.get()) {
            return;
        }
        vertx.setTimer(Math.max(1, delay.toMillis()), id -> pollOnce().subscribe().with(
                this::schedule,
                failure -> {
                    LOG.warnf("Feed %s poll failed, retrying in %s: %s", feed, config.feed().errorBackoff(), failure.toString());
                    schedule(config.feed().errorBackoff());
                }));
    }

    /** One poll; answers how long to wait before the next. */
    Uni<Duration> pollOnce() {
        return leases.acquire(feed, instance, config.feed().leaseTtl()).chain(held -> {
            if (!held) {
                return Uni.createFrom().item(config.feed().errorBackoff());
            }
            int limit = config.feed().batchSize();
            return cursors.load(feed).chain(cursor -> step(cursor, limit))
                    .map(items -> items >= limit ? Duration.ZERO : config.feed().idlePoll());
        });
    }
}
