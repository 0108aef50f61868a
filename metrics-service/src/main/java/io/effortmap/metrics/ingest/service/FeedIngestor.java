package io.effortmap.metrics.ingest.service;

import io.effortmap.metrics.aggregate.repository.Generation;
import io.effortmap.metrics.config.MetricsConfig;
import io.effortmap.metrics.ingest.repository.CursorRepository;
import io.effortmap.metrics.ingest.repository.LeaseRepository;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.inject.spi.CDI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Follows one change feed: take the lease, read a page after the saved cursor, fold it into the buckets, then save
 * the cursor. A crash between the last two steps only causes the page to be read again, and the conditional bucket
 * writes ignore what was already applied. While a rebuild runs, each poll also feeds the generation being rebuilt
 * from the feed's beginning. Each poll is a trace of its own ({@code poll <feed>}): its lease and cursor writes, and the
 * feed request whose {@code traceparent} carries it into the service that serves the feed.
 *
 * <p>The lease lives {@code lease-ttl} (5 s) and is renewed by every poll and, during a long poll, every third of
 * that; a clean shutdown gives it up at once. A replica without it asks again every fifth of the time to live, so a
 * crashed holder is replaced within about the time to live, while a live one keeps it. Shortening the lease is
 * safe because it never carried correctness: should a stalled holder (a GC pause, a SIGSTOP) outlive its lease while
 * another takes over, both apply pages through writes conditional on each bucket's applied position and advance
 * cursors with {@code $max}, so nothing is counted twice or skipped.
 */
abstract class FeedIngestor {

    private static final Logger LOG = Logger.getLogger(FeedIngestor.class);

    private final String feed;
    protected final CursorRepository cursors;
    private final LeaseRepository leases;
    private final GenerationCoordinator coordinator;
    private final MetricsConfig config;
    private final Vertx vertx;
    private final String instance;
    private final AtomicBoolean running = new AtomicBoolean();
    private final Tracer tracer = CDI.current().select(Tracer.class).get();
    private volatile boolean holding;
    private volatile long heartbeat = -1;
    /** This replica's reading progress, recorded in the lease whenever it is renewed. */
    private volatile Instant readAt;
    private volatile Instant newestItemAt;

    FeedIngestor(String feed, CursorRepository cursors, LeaseRepository leases, GenerationCoordinator coordinator,
            MetricsConfig config, Vertx vertx, String instance) {
        this.feed = feed;
        this.cursors = cursors;
        this.leases = leases;
        this.coordinator = coordinator;
        this.config = config;
        this.vertx = vertx;
        this.instance = instance;
    }

    /**
     * One page into one generation. {@code live} is the generation queries read; a generation being rebuilt gets
     * {@code liveCursor}, the live generation's cursor, so that it can tell which items the live one has not seen yet.
     */
    record Target(int generation, CursorRepository.Cursor cursor, boolean live, String liveCursor) {
    }

    /** Reads the page after the target's cursor, applies it and saves the new cursor; answers the items read. */
    abstract Uni<Integer> step(Target target, int limit);

    /** Called by {@link #step} for a page applied to the live generation: when its service received its newest item. */
    void appliedLive(Instant newestReceivedAt) {
        if (newestReceivedAt != null && (newestItemAt == null || newestReceivedAt.isAfter(newestItemAt))) {
            newestItemAt = newestReceivedAt;
        }
    }

    /**
     * Saves the position after a page. An empty page that moved nothing is not written, except to record that this
     * cursor reached the feed's end, which is what lets a rebuilt generation go live even on an empty feed.
     */
    Uni<Void> advance(Target target, String next, int items, int limit) {
        CursorRepository.Cursor cursor = target.cursor();
        if (items == 0 && (next == null || next.equals(cursor.cursor())) && cursor.caughtUp()) {
            return Uni.createFrom().voidItem();
        }
        return cursors.advance(cursor.key(), next, items, items < limit);
    }

    void begin() {
        if (config.feed().enabled() && running.compareAndSet(false, true)) {
            schedule(Duration.ZERO);
            long every = Math.max(50, config.feed().leaseTtl().toMillis() / 3);
            heartbeat = vertx.setPeriodic(every, id -> renewWhileHolding());
        }
    }

    /** On a clean shutdown the lease is given up at once (waiting at most 2 s), so another replica need not wait. */
    void end() {
        if (running.compareAndSet(true, false)) {
            vertx.cancelTimer(heartbeat);
            if (holding) {
                try {
                    leases.release(feed, instance).await().atMost(Duration.ofSeconds(2));
                } catch (RuntimeException e) {
                    LOG.infof("Feed %s: could not give the lease up (%s); it expires in %s", feed, e.toString(),
                            config.feed().leaseTtl());
                }
            }
        }
    }

    /** Keeps the lease during a poll that takes longer than its time to live would allow. */
    private void renewWhileHolding() {
        if (running.get() && holding) {
            // Between polls (which are traced), outside any trace: not traced (common BackgroundStoreCallSampler).
            leases.acquire(feed, instance, config.feed().leaseTtl(), progress())
                    .subscribe().with(held -> holding = held, failure -> { });
        }
    }

    private LeaseRepository.Progress progress() {
        return new LeaseRepository.Progress(readAt, newestItemAt);
    }

    private void schedule(Duration delay) {
        if (!running.get()) {
            return;
        }
        // A context of its own per poll, like a request's: the poll's span (and its log lines' trace ids) stay with it.
        vertx.setTimer(Math.max(1, delay.toMillis()), id -> VertxContext.createNewDuplicatedContext().runOnContext(ignored ->
                tracedPoll()
                .ifNoItem().after(config.feed().pollTimeout()).failWith(() -> new TimeoutException(
                        "poll did not finish within " + config.feed().pollTimeout()))
                .subscribe().with(
                this::schedule,
                failure -> {
                    LOG.warnf("Feed %s poll failed, retrying in %s: %s", feed, config.feed().errorBackoff(), failure.toString());
                    schedule(config.feed().errorBackoff());
                })));
    }

    private Uni<Duration> tracedPoll() {
        Span span = tracer.spanBuilder("poll " + feed).setNoParent().startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return pollOnce().onTermination().invoke((item, failure, cancelled) -> {
                if (failure != null) {
                    span.recordException(failure);
                    span.setStatus(StatusCode.ERROR);
                }
                span.end();
            });
        }
    }

    /** One poll; answers how long to wait before the next. */
    Uni<Duration> pollOnce() {
        return leases.acquire(feed, instance, config.feed().leaseTtl(), progress()).chain(held -> {
            holding = held;
            if (!held) {
                return Uni.createFrom().item(config.feed().leaseTtl().dividedBy(5));
            }
            int limit = config.feed().batchSize();
            return coordinator.state().chain(state -> poll(state, limit)
                    .invoke(() -> readAt = Instant.now())
                    .call(() -> coordinator.housekeeping(state))
                    .map(items -> items >= limit ? Duration.ZERO : config.feed().idlePoll()));
        });
    }

    private Uni<Integer> poll(Generation state, int limit) {
        return cursors.load(CursorRepository.key(feed, state.active())).chain(live ->
                step(new Target(state.active(), live, true, null), limit).chain(liveItems -> {
                    if (state.building() == null) {
                        return Uni.createFrom().item(liveItems);
                    }
                    return cursors.load(CursorRepository.key(feed, state.building()))
                            .chain(building -> step(new Target(state.building(), building, false, live.cursor()), limit))
                            .call(() -> coordinator.afterRebuildStep(state))
                            .map(rebuildItems -> Math.max(liveItems, rebuildItems));
                }));
    }
}
