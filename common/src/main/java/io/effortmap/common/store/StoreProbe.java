package io.effortmap.common.store;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.jboss.logging.Logger;

/**
 * Readiness of one store, from a ping every {@code probe-interval} in the background: DOWN after
 * {@code probe-failures} consecutive pings failed or went unanswered for {@code probe-timeout}, UP again after one
 * success. The health endpoint reads the last result and never waits for the store, so a probe answers at once even
 * while the store hangs (with the defaults: DOWN within about 2.5 s of an outage, UP within about 0.5 s of the return).
 * How long the store has answered no ping ({@link #silenceNanos()}) is what {@link StoreDeadline} fails requests on.
 * Subclasses say how to ping and start probing at startup ({@link #begin()}).
 */
public abstract class StoreProbe implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(StoreProbe.class);

    private final String name;
    private final StoreConfig config;
    private final Vertx vertx;
    private final long intervalNanos;
    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile boolean up;
    private volatile int failures;
    private volatile String lastFailure = "not checked yet";
    private volatile long lastSuccessNanos;
    /** When the oldest ping not yet answered was sent; 0 when every ping sent has been answered. */
    private volatile long askedSinceNanos;
    private volatile long periodicId = -1;

    protected StoreProbe(String name, StoreConfig config, Vertx vertx) {
        this.name = name;
        this.config = config;
        this.vertx = vertx;
        this.intervalNanos = config.probeInterval().toNanos();
    }

    /** One round trip to the store. */
    protected abstract Uni<Void> ping();

    /** Called after a ping failed, e.g. to drop a connection that may be stuck. */
    protected void afterFailure() {
    }

    protected void begin() {
        if (periodicId < 0) {
            probe();
            periodicId = vertx.setPeriodic(Math.max(1, config.probeInterval().toMillis()), id -> probe());
        }
    }

    protected void end() {
        if (periodicId >= 0) {
            vertx.cancelTimer(periodicId);
        }
    }

    public String name() {
        return name;
    }

    public boolean isUp() {
        return up;
    }

    /**
     * How long the store has left a ping unanswered: since its last answer, but no longer than one interval before the
     * oldest ping still unanswered, so time in which no ping was sent (the prober's event loop was busy) is not counted
     * as the store's silence; "forever" before its first answer.
     */
    public long silenceNanos() {
        long last = lastSuccessNanos;
        if (last == 0) {
            return Long.MAX_VALUE;
        }
        long now = System.nanoTime();
        long asked = askedSinceNanos;
        return Math.min(now - last, asked == 0 ? intervalNanos : now - asked + intervalNanos);
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(name).status(up);
        if (lastSuccessNanos != 0) {
            response.withData("lastPingAgoMs", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastSuccessNanos));
        }
        if (!up) {
            response.withData("failure", lastFailure);
        }
        return response.build();
    }

    private void probe() {
        if (!probing.compareAndSet(false, true)) {
            return; // the previous ping is still within its timeout
        }
        long sentNanos = System.nanoTime();
        if (askedSinceNanos == 0) {
            askedSinceNanos = sentNanos;
        }
        long timeoutMillis = Math.max(1, config.probeTimeout().toMillis());
        AtomicBoolean settled = new AtomicBoolean();
        long timer = vertx.setTimer(timeoutMillis, id -> {
            if (settled.compareAndSet(false, true)) {
                failed(new TimeoutException("no answer within " + timeoutMillis + " ms"), true);
            }
        });
        // Two pings a second per service: not traced (BackgroundStoreCallSampler).
        Uni.createFrom().deferred(this::ping).subscribe().with(ok -> {
            // Even an answer past the timeout shows the store answering: StoreDeadline measures silence with it, while
            // readiness has counted the timeout as a failure.
            lastSuccessNanos = System.nanoTime();
            askedSinceNanos = 0;
            vertx.cancelTimer(timer);
            long took = lastSuccessNanos - sentNanos;
            if (took > intervalNanos) {
                LOG.debugf("%s answered a ping after %d ms", name, TimeUnit.NANOSECONDS.toMillis(took));
            }
            if (settled.compareAndSet(false, true)) {
                succeeded();
            }
        }, failure -> {
            vertx.cancelTimer(timer);
            if (settled.compareAndSet(false, true)) {
                failed(failure, false);
            }
        });
    }

    private void succeeded() {
        failures = 0;
        if (!up) {
            LOG.infof("%s is reachable: ready", name);
        }
        up = true;
        probing.set(false);
    }

    private void failed(Throwable failure, boolean timedOut) {
        lastFailure = failure.toString();
        failures++;
        if (up && failures >= config.probeFailures()) {
            LOG.warnf("%s failed %d pings in a row, not ready: %s", name, failures, lastFailure);
            up = false;
        }
        // One slow answer is a busy store, not a stuck connection: the connection is kept (the next ping queues behind
        // this one, whose late answer still counts) until the store is declared down; an error drops it at once.
        if (!timedOut || failures >= config.probeFailures()) {
            afterFailure();
        }
        probing.set(false);
    }
}
