package io.effortmap.gateway.routing.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Whether one upstream service answers its readiness check, as the gateway's own probe sees it ({@link UpstreamWatch}):
 * DOWN after a number of probes in a row failed or went unanswered, UP after one success. While DOWN, requests for
 * the service are answered 503 at once, and requests already waiting for it when it goes DOWN are answered 503 then
 * (a service that hangs would otherwise hold them until the route's timeout). Without probing ({@code probe-readiness}
 * off) an upstream is always considered UP (in Kubernetes its Service's endpoints already follow readiness).
 */
public final class UpstreamHealth {

    private static final Logger LOG = Logger.getLogger(UpstreamHealth.class);

    private final String service;
    private final String url;
    private final Set<Runnable> waiting = ConcurrentHashMap.newKeySet();
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
        waiting.add(onDown);
        return () -> waiting.remove(onDown);
    }

    /** A probe answered 200: UP again. Answers whether this was a change (the breaker can then be reset). */
    synchronized boolean probeSucceeded() {
        failures = 0;
        if (up) {
            return false;
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
        List<Runnable> abandoned = new ArrayList<>(waiting);
        waiting.clear();
        abandoned.forEach(Runnable::run);
    }
}
