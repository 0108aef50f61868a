package io.effortmap.gateway.routing.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Whether one upstream service answers its readiness check, as the gateway's own probe sees it ({@link UpstreamWatch}):
 * DOWN after a number of probes in a row failed or went unanswered, UP after one success. While DOWN, requests for
 * the service are answered 503 at once, and requests already waiting for it when it goes DOWN are answered 503 then
 * (a service that hangs would otherwise hold them until the route's timeout). A request that has waited long for a
 * service that has meanwhile answered no probe for a while is answered 503 before the service is declared DOWN
 * ({@link #abandonLongWaits}), so it fails within about the same bound as a request waiting on a silent store. Without
 * probing ({@code probe-readiness}
 * off) an upstream is always considered UP (in Kubernetes its Service's endpoints already follow readiness).
 */
public final class UpstreamHealth {

    private static final Logger LOG = Logger.getLogger(UpstreamHealth.class);

    private final String service;
    private final String url;
    /** What to run for each request waiting on the service, with when it began to wait. */
    private final Map<Runnable, Long> waiting = new ConcurrentHashMap<>();
    private volatile long lastAnsweredNanos = System.nanoTime();
    /** Requests were abandoned since the last answered probe (their failures may have opened the breaker). */
    private volatile boolean abandonedWhileSilent;
    private volatile boolean up = true;
    private volatile String reason = "";
    private int failures;

    public UpstreamHealth(String service, String url) {
        this.service = service;
        this.url = url;
    }

    public String url() {
        return url;
    }

    /** Whether the gateway probes this service (otherwise it is always UP). */
    public boolean probed() {
        return url != null;
    }

    public boolean isUp() {
        return up;
    }

    public String reason() {
        return reason;
    }

    /** Registers what to do if the service goes DOWN while a request waits for it; the returned action unregisters. */
    public Runnable whileWaiting(Runnable onDown) {
        waiting.put(onDown, System.nanoTime());
        return () -> waiting.remove(onDown);
    }

    /**
     * Runs, once, the actions of requests that have waited at least {@code waitedNanos} while the service has answered
     * no probe for at least {@code silenceNanos}.
     */
    public void abandonLongWaits(long waitedNanos, long silenceNanos) {
        long now = System.nanoTime();
        if (waiting.isEmpty() || now - lastAnsweredNanos < silenceNanos) {
            return;
        }
        waiting.forEach((onDown, since) -> {
            if (now - since >= waitedNanos && waiting.remove(onDown) != null) {
                abandonedWhileSilent = true;
                onDown.run();
            }
        });
    }

    /**
     * A probe answered 200: UP again. Answers whether the service is back from an outage, DOWN or silent with
     * requests abandoned meanwhile (the breaker can then be reset).
     */
    synchronized boolean probeSucceeded() {
        lastAnsweredNanos = System.nanoTime();
        failures = 0;
        boolean abandoned = abandonedWhileSilent;
        abandonedWhileSilent = false;
        if (up) {
            return abandoned;
        }
        up = true;
        LOG.infof("%s is ready again", service);
        return true;
    }

    synchronized void probeFailed(String why, int threshold) {
        failures++;
        reason = why;
        if (!up || failures < threshold) {
            return;
        }
        up = false;
        LOG.warnf("%s failed %d readiness probes in a row (%s): answering its routes 503 until it is ready", service,
                failures, why);
        List<Runnable> abandoned = new ArrayList<>(waiting.keySet());
        abandoned.forEach(onDown -> {
            if (waiting.remove(onDown) != null) {
                onDown.run();
            }
        });
    }
}
