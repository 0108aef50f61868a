package io.effortmap.gateway.routing.rest;

import io.effortmap.common.logging.RequestIds;
import io.effortmap.common.problem.LogSafe;
import io.effortmap.gateway.problem.ProblemResponses;
import io.effortmap.gateway.routing.service.RouteTable.Target;
import io.effortmap.gateway.routing.service.UpstreamClients;
import io.effortmap.gateway.routing.service.UpstreamHealth;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

/**
 * Streams the request to its service over the calling event loop's pooled keep-alive connections and the answer back;
 * bodies are piped in both directions, never buffered whole. Each exchange runs through the service's circuit breaker;
 * failures answer problems: 503 with Retry-After (refused, the circuit is open, or the service failed the gateway's
 * readiness probes, see {@link UpstreamHealth}), 504 past the route's deadline.
 * The W3C trace context reaches the service through the Vert.x client's tracing (OpenTelemetry).
 */
@Singleton
public class UpstreamForwarder implements Handler<RoutingContext> {

    private static final Logger LOG = Logger.getLogger(UpstreamForwarder.class);
    /** A service that failed its readiness probes is probed every 500 ms by default: its return is seen within seconds. */
    private static final String NOT_READY_RETRY_AFTER = "2";

    private final UpstreamClients clients;
    private final ForwardedHeaders forwardedHeaders;

    UpstreamForwarder(UpstreamClients clients, ForwardedHeaders forwardedHeaders) {
        this.clients = clients;
        this.forwardedHeaders = forwardedHeaders;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Target target = ctx.get(RouteResolution.TARGET);
        HttpServerRequest request = ctx.request();
        UpstreamHealth health = target.health();
        // An open breaker answers first (as it always has); otherwise a service that failed its probes is not tried.
        if (!health.isUp() && !target.guard().isOpen()) {
            notReady(ctx.response(), request.path(), target, " is not ready (" + health.reason() + ")");
            return;
        }
        HttpServerResponse response = ctx.response();
        Exchange exchange = new Exchange();
        Runnable stopWaiting = health.probed() ? abandonWhenDown(ctx, target, exchange) : null;
        // A caller that hangs up (mid-upload or while waiting for its answer) ends the request as failed: its exchange
        // is dropped at once, freeing the pooled connection, and that failure is the caller's doing, not the service's,
        // so the service's breaker does not count it.
        ctx.addEndHandler(ended -> {
            if (stopWaiting != null) {
                stopWaiting.run();
            }
            if (ended.failed()) {
                exchange.callerGone = true;
                exchange.reset();
            }
        });
        target.guard().call(() -> exchange(request, target, exchange)
                        .recover(failure -> exchange.callerGone ? Future.succeededFuture() : Future.failedFuture(failure))
                        .toCompletionStage())
                .whenComplete((reply, failure) -> {
                    if (response.ended() || response.closed()) {
                        // Answered already (the service stopped answering while this request waited for it), or the
                        // caller has gone: nothing more is written.
                        if (reply != null) {
                            reply.request().reset();
                        }
                    } else if (failure == null) {
                        relay(reply, response, target);
                    } else {
                        failed(ctx, target, failure instanceof CompletionException ? failure.getCause() : failure);
                    }
                });
    }

    /** One request's exchange with its service, as the request's end handler and the health sweep see it. */
    private static final class Exchange {
        volatile HttpClientRequest sent;
        volatile boolean callerGone;

        /** Drops the upstream request, if sent: frees its pooled connection. */
        void reset() {
            HttpClientRequest pending = sent;
            if (pending != null) {
                pending.reset();
            }
        }
    }

    /**
     * A probed service that stops answering while this request waits for it (a hung process keeps its connections
     * open): the request is answered 503 once the service's readiness probes fail, not after the route's timeout, and
     * its upstream request is reset, which frees the pooled connection. Answers how to stop watching.
     */
    private static Runnable abandonWhenDown(RoutingContext ctx, Target target, Exchange exchange) {
        Context requestContext = Vertx.currentContext();
        HttpServerResponse response = ctx.response();
        String path = ctx.request().path();
        return target.health().whileWaiting(() -> requestContext.runOnContext(ignored -> {
            if (!response.headWritten()) {
                notReady(response, path, target, " stopped answering");
                exchange.reset();
            }
        }));
    }

    private static void notReady(HttpServerResponse response, String path, Target target, String detail) {
        response.putHeader(HttpHeaders.RETRY_AFTER, NOT_READY_RETRY_AFTER);
        ProblemResponses.send(response, 503, "Service Unavailable", target.service() + detail, path);
    }

    private Future<HttpClientResponse> exchange(HttpServerRequest request, Target target, Exchange exchange) {
        RequestOptions options = new RequestOptions()
                .setMethod(request.method())
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.ssl())
                .setURI(request.uri())
                .setIdleTimeout(target.timeoutMillis());
        return clients.forCurrentLoop().request(options).compose(upstream -> {
            exchange.sent = upstream;
            forwardedHeaders.towardsService(request, upstream.headers());
            if (!upstream.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
                upstream.setChunked(true);
            }
            // Not send(request): its pipe ends the upstream request when the caller's body fails, and the service then
            // waits for the rest of a body that never comes, holding the pooled connection until the route's timeout.
            // A failed body resets the exchange instead, on the next turn of the loop: a caller's connection failure
            // reaches the request's end handlers in the same turn as this pipe, so the failure is known to be the
            // caller's by the time the exchange fails.
            Context loop = Vertx.currentContext();
            request.pipe().endOnFailure(false).to(upstream)
                    .onFailure(failure -> loop.runOnContext(ignored -> upstream.reset(0, failure)));
            return upstream.response();
        }).map(reply -> {
            // Held until relay() pipes it: the answer passes the circuit breaker's completion stage first, and body
            // chunks arriving meanwhile would otherwise be dropped.
            reply.pause();
            return reply;
        });
    }

    private static void relay(HttpClientResponse reply, HttpServerResponse response, Target target) {
        response.setStatusCode(reply.statusCode());
        response.setStatusMessage(reply.statusMessage());
        AnswerHeaders.fromService(reply, response.headers(), target);
        if (reply.getHeader(HttpHeaders.CONTENT_LENGTH) == null) {
            response.setChunked(true);
        }
        reply.pipeTo(response);
    }

    private static void failed(RoutingContext ctx, Target target, Throwable failure) {
        String path = ctx.request().path();
        HttpServerResponse response = ctx.response();
        if (failure instanceof CircuitBreakerOpenException) {
            response.putHeader(HttpHeaders.RETRY_AFTER, Long.toString(target.guard().retryAfterSeconds()));
            ProblemResponses.send(response, 503, "Service Unavailable", target.service() + " is unavailable (circuit open)", path);
            return;
        }
        String requestId = ctx.request().getHeader(RequestIds.HEADER);
        if (failure instanceof TimeoutException || failure instanceof io.netty.handler.timeout.TimeoutException) {
            LOG.warnf("%s timed out for %s (request-id=%s)", target.service(), LogSafe.path(path), requestId);
            ProblemResponses.send(response, 504, "Gateway Timeout", target.service() + " did not answer in time", path);
        } else {
            LOG.warnf("%s unavailable for %s (request-id=%s): %s", target.service(), LogSafe.path(path), requestId, failure.toString());
            response.putHeader(HttpHeaders.RETRY_AFTER, "5");
            ProblemResponses.send(response, 503, "Service Unavailable", target.service() + " is unavailable", path);
        }
    }
}
