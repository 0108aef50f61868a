package io.effortmap.gateway.routing.rest;

import io.effortmap.common.problem.LogSafe;
import io.effortmap.gateway.auth.rest.BearerAuthentication;
import io.effortmap.gateway.problem.ProblemResponses;
import io.effortmap.gateway.ratelimit.rest.RateLimiting;
import io.effortmap.gateway.routing.service.RouteTable;
import io.quarkus.security.AuthenticationException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * The gateway's request pipeline, one job per step. Every request: request id, access line, canonical path. Then
 * {@code /api/v1/**}: route, body limits, bearer token, rate limit, forwarding to the owning service. The handlers and
 * the beans they call are {@code @Singleton}: an application-scoped bean's client proxy looks its instance up in the
 * context on every call, about a dozen lookups per request (2.7% of the event loops' profile samples).
 */
@ApplicationScoped
public class ProxyRoute {

    private static final Logger LOG = Logger.getLogger(ProxyRoute.class);

    private final RequestIdHandler requestIds;
    private final AccessLog accessLog;
    private final CanonicalPathGuard canonicalPaths;
    private final RouteResolution routeResolution;
    private final BodyPolicy bodyPolicy;
    private final BearerAuthentication authentication;
    private final RateLimiting rateLimiting;
    private final UpstreamForwarder forwarder;

    ProxyRoute(RequestIdHandler requestIds, AccessLog accessLog, CanonicalPathGuard canonicalPaths,
            RouteResolution routeResolution, BodyPolicy bodyPolicy, BearerAuthentication authentication,
            RateLimiting rateLimiting, UpstreamForwarder forwarder) {
        this.requestIds = requestIds;
        this.accessLog = accessLog;
        this.canonicalPaths = canonicalPaths;
        this.routeResolution = routeResolution;
        this.bodyPolicy = bodyPolicy;
        this.authentication = authentication;
        this.rateLimiting = rateLimiting;
        this.forwarder = forwarder;
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(requestIds).handler(accessLog).handler(canonicalPaths);
        router.route("/api/v1/*").handler(routeResolution).handler(bodyPolicy).handler(authentication)
                .handler(rateLimiting).handler(forwarder).failureHandler(ProxyRoute::failed);
        // Respondents' survey pages: no token (the link is the credential), rate limited per IP like /api/v1/public.
        router.route(RouteTable.RESPONDENT_PAGES + "*").handler(routeResolution).handler(bodyPolicy)
                .handler(authentication).handler(rateLimiting).handler(forwarder).failureHandler(ProxyRoute::failed);
    }

    /** A failed lazy authentication also fails the context; answer once, never with Quarkus' HTML error page. */
    private static void failed(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            return;
        }
        if (ctx.failure() instanceof AuthenticationException) {
            BearerAuthentication.unauthorized(ctx);
        } else {
            LOG.errorf(ctx.failure(), "Proxying %s failed (request-id=%s)", LogSafe.path(ctx.request().path()),
                    ctx.request().getHeader(io.effortmap.common.logging.RequestIds.HEADER));
            ProblemResponses.send(ctx.response(), 500, "Internal Server Error", "The gateway failed", ctx.request().path());
        }
    }
}
