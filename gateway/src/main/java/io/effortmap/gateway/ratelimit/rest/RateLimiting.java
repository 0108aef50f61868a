package io.effortmap.gateway.ratelimit.rest;

import io.effortmap.gateway.auth.model.Caller;
import io.effortmap.gateway.auth.rest.BearerAuthentication;
import io.effortmap.gateway.problem.ProblemResponses;
import io.effortmap.gateway.ratelimit.service.RateLimitDecision;
import io.effortmap.gateway.ratelimit.service.RateLimiter;
import io.effortmap.gateway.routing.config.GatewayConfig;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * Takes one token from the caller's bucket (respondent endpoints: the client IP's): RateLimit-Limit, -Remaining and
 * -Reset on every answer, 429 problem with Retry-After when it is empty.
 */
@Singleton
public class RateLimiting implements Handler<RoutingContext> {

    private static final CharSequence LIMIT = HttpHeaders.createOptimized("RateLimit-Limit");
    private static final CharSequence REMAINING = HttpHeaders.createOptimized("RateLimit-Remaining");
    private static final CharSequence RESET = HttpHeaders.createOptimized("RateLimit-Reset");

    private final RateLimiter limiter;
    private final Set<String> trustedProxies;

    RateLimiting(RateLimiter limiter, GatewayConfig config) {
        this.limiter = limiter;
        this.trustedProxies = config.trustedProxies().orElse(Set.of());
    }

    @Override
    public void handle(RoutingContext ctx) {
        Caller caller = ctx.get(BearerAuthentication.CALLER);
        RateLimitDecision decision = caller == null
                ? limiter.forPublicCaller(callerIp(ctx.request()))
                : limiter.forCaller(caller.bucketKey(), caller.clientId());
        HttpServerResponse response = ctx.response();
        if (decision.limit() > 0) {
            response.putHeader(LIMIT, Integer.toString(decision.limit()))
                    .putHeader(REMAINING, Integer.toString(decision.remaining()))
                    .putHeader(RESET, Long.toString(decision.resetSeconds()));
        }
        if (!decision.allowed()) {
            response.putHeader(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
            ProblemResponses.send(response, 429, "Too Many Requests",
                    "Rate limit exceeded; retry after " + decision.retryAfterSeconds() + " s", ctx.request().path());
            return;
        }
        ctx.next();
    }

    /** The respondent's address: the nearest X-Forwarded-For hop when the connection comes from a trusted proxy. */
    private String callerIp(HttpServerRequest request) {
        String peer = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null || !trustedProxies.contains(peer)) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        return hops[hops.length - 1].trim();
    }
}
