package io.effortmap.common.store;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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
    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile boolean up;
    private volatile int failures;
    private volatile String lastFailure = "not checked yet";
    private volatile long lastSuccessNanos;
    private volatile long periodicId = -1;

    protected StoreProbe(String name, StoreConfig config, Vertx vertx) {
        this.name = name;
        this.config = config;
        this.vertx = vertx;
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

    /** How long since the store last answered a ping; "forever" before its first answer. */
    public long silenceNanos() {
        long last = lastSuccessNanos;
        return last == 0 ? Long.MAX_VALUE : System.nanoTime() - last;
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
        Duration timeout = config.probeTimeout();
        // Two pings a second per service: not traced (BackgroundStoreCallSampler).
        Uni.createFrom().deferred(this::ping)
                .ifNoItem().after(timeout).failWith(() -> new java.util.concurrent.TimeoutException(
                        "no answer within " + timeout.toMillis() + " ms"))
                .subscribe().with(ok -> {
                    lastSuccessNanos = System.nanoTime();
                    failures = 0;
                    if (!up) {
                        LOG.infof("%s is reachable: ready", name);
                    }
                    up = true;
                    probing.set(false);
                }, failure -> {
                    lastFailure = failure.toString();
                    failures++;
                    if (up && failures >= config.probeFailures()) {
                        LOG.warnf("%s failed %d pings in a row, not ready: %s", name, failures, lastFailure);
                        up = false;
                    }
                    afterFailure();
                    probing.set(false);
                });
    }
}
