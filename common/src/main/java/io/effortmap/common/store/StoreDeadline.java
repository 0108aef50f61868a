package io.effortmap.common.store;

import io.effortmap.common.problem.Problem;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Fails a request fast when its store stops answering. A request still open is answered 503 problem+json (a short
 * HTML page on respondents' survey pages) with Retry-After at once (the work it started is abandoned; writes are
 * idempotent on their keys, so clients retry) when a
 * store of the service has answered none of its readiness pings for {@code effortmap.store.deadline}, or when the
 * request itself has waited that long and the store has missed two pings in a row ({@code 2 × probe-interval}): so a
 * request caught by a store that stalls while it waits is answered within about the deadline too, not the deadline
 * after the stall began. Measuring the store's silence rather than each request's duration alone keeps a busy but
 * answering store from being mistaken for a dead one, and covers every store call of every endpoint, whatever the
 * driver. Store calls still have their own limits ({@code operation-timeout}) for background work and for a store
 * that answers pings but not a given operation.
 */
@ApplicationScoped
public class StoreDeadline {

    private static final Logger LOG = Logger.getLogger(StoreDeadline.class);
    /** Timers are set for when a rule could first hold; this only bounds how often a request is looked at. */
    static final long MIN_CHECK_MILLIS = 20;

    /** Respondents' survey pages (survey-service): a person reads the answer, so it is a page, not a problem. */
    private static final String RESPONDENT_PAGES = "/s/";
    private static final byte[] UNAVAILABLE_PAGE = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Please try again shortly"
            + "</title></head><body><main><h1>Please try again shortly</h1><p>We could not load or save the survey just"
            + " now. Please try again in a few minutes.</p></main></body></html>").getBytes(StandardCharsets.UTF_8);

    private final Instance<StoreProbe> probes;
    private final StoreConfig config;
    private final long deadlineNanos;
    /** Two probe intervals: the store has missed two pings in a row (never more than the deadline). */
    private final long missedPingsNanos;
    /** One log line per outage, not one per request. */
    private final AtomicBoolean reported = new AtomicBoolean();

    /** {@code @Any}: the probes are qualified {@code @Readiness}. */
    StoreDeadline(@Any Instance<StoreProbe> probes, StoreConfig config) {
        this.probes = probes;
        this.config = config;
        this.deadlineNanos = config.deadline().toNanos();
        this.missedPingsNanos = Math.min(deadlineNanos, 2 * config.probeInterval().toNanos());
    }

    void register(@Observes Router router) {
        List<StoreProbe> stores = probes.stream().toList();
        if (stores.isEmpty()) {
            return;
        }
        router.route().order(Integer.MIN_VALUE + 1).handler(ctx -> {
            watch(ctx, stores);
            ctx.next();
        });
    }

    private void watch(RoutingContext ctx, List<StoreProbe> stores) {
        Vertx vertx = ctx.vertx();
        long startedNanos = System.nanoTime();
        long[] timer = new long[1];
        Handler<Long> check = new Handler<>() {
            @Override
            public void handle(Long id) {
                HttpServerResponse response = ctx.response();
                if (response.ended() || response.closed() || response.headWritten()) {
                    return;
                }
                long waited = System.nanoTime() - startedNanos;
                long next = Long.MAX_VALUE;
                for (StoreProbe store : stores) {
                    long wait = untilUnavailable(waited, store.silenceNanos(), deadlineNanos, missedPingsNanos);
                    if (wait <= 0) {
                        unavailable(ctx, store);
                        return;
                    }
                    next = Math.min(next, wait);
                }
                reported.set(false);
                timer[0] = vertx.setTimer(Math.max(MIN_CHECK_MILLIS, TimeUnit.NANOSECONDS.toMillis(next) + 1), this);
            }
        };
        timer[0] = vertx.setTimer(MIN_CHECK_MILLIS, check);
        ctx.addEndHandler(ended -> vertx.cancelTimer(timer[0]));
    }

    /**
     * How much longer a request that has {@code waited} can wait on a store silent for {@code silence} (all in
     * nanoseconds) before it is answered 503, if the store answers no ping meanwhile; 0 or less: now.
     */
    static long untilUnavailable(long waited, long silence, long deadline, long missedPings) {
        if (silence >= deadline || waited >= deadline && silence >= missedPings) {
            return 0;
        }
        return Math.min(deadline - silence, Math.max(deadline - waited, missedPings - silence));
    }

    private void unavailable(RoutingContext ctx, StoreProbe store) {
        long silence = store.silenceNanos();
        String detail = store.name() + (silence == Long.MAX_VALUE ? " has not answered since startup"
                : " has not answered for " + TimeUnit.NANOSECONDS.toMillis(silence) + " ms") + "; retry later";
        if (reported.compareAndSet(false, true)) {
            LOG.warnf("Answering waiting requests 503: %s", detail);
        }
        boolean page = ctx.request().path().startsWith(RESPONDENT_PAGES);
        byte[] json = page ? UNAVAILABLE_PAGE : new JsonObject().put("type", "about:blank")
                .put("title", "Service Unavailable").put("status", 503).put("detail", detail)
                .put("instance", ctx.request().path()).encode().getBytes(StandardCharsets.UTF_8);
        HttpServerResponse response = ctx.response().setStatusCode(503)
                .putHeader("Content-Type", page ? "text/html;charset=UTF-8" : Problem.MEDIA_TYPE)
                .putHeader("Retry-After", Long.toString(Math.max(1, config.retryAfter().toSeconds())));
        if (ctx.request().version() == HttpVersion.HTTP_2) {
            response.end(Buffer.buffer(json));
            return;
        }
        // HTTP/1.x: the whole answer (Content-Length), then the connection closes. Closing it before the response is
        // "ended" makes Quarkus REST cancel the request's pending work, so it does not try to answer a second time
        // when the store comes back.
        response.putHeader("Content-Length", Integer.toString(json.length)).putHeader("Connection", "close")
                .write(Buffer.buffer(json)).onComplete(written -> ctx.request().connection().close());
    }
}
