package io.effortmap.gateway.routing.rest;

import io.effortmap.common.logging.RequestIds;
import io.effortmap.common.problem.LogSafe;
import io.effortmap.gateway.problem.ProblemResponses;
import io.effortmap.gateway.routing.service.RouteTable.Target;
import io.effortmap.gateway.routing.service.UpstreamClients;
import io.vertx.core.Future;
import io.vertx.core.Handler;
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
 * failures answer problems: 503 with Retry-After (refused, or the circuit is open), 504 past the route's deadline.
 * The W3C trace context reaches the service through the Vert.x client's tracing (OpenTelemetry).
 */
@Singleton
public class UpstreamForwarder implements Handler<RoutingContext> {

    private static final Logger LOG = Logger.getLogger(UpstreamForwarder.class);

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
        target.guard().call(() -> exchange(request, target).toCompletionStage())
                .whenComplete((reply, failure) -> {
                    if (failure == null) {
                        relay(reply, ctx.response(), target);
                    } else {
                        failed(ctx, target, failure instanceof CompletionException ? failure.getCause() : failure);
                    }
                });
    }

    private Future<HttpClientResponse> exchange(HttpServerRequest request, Target target) {
        RequestOptions options = new RequestOptions()
                .setMethod(request.method())
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.ssl())
                .setURI(request.uri())
                .setIdleTimeout(target.timeoutMillis());
        return clients.forCurrentLoop().request(options).compose(upstream -> {
            forwardedHeaders.towardsService(request, upstream.headers());
            return upstream.send(request);
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
