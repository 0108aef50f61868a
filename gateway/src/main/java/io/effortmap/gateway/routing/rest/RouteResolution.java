package io.effortmap.gateway.routing.rest;

import io.effortmap.gateway.problem.ProblemResponses;
import io.effortmap.gateway.routing.service.RouteTable;
import io.effortmap.gateway.routing.service.RouteTable.Target;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;

/**
 * Finds the service that owns the path (404 problem when none does) and leaves its route in the routing context. The
 * request is paused first: its body stays unread until it is forwarded.
 */
@Singleton
public class RouteResolution implements Handler<RoutingContext> {

    /** Routing-context key of the request's {@link Target}. */
    public static final String TARGET = "effortmap.target";
    /** Context key Quarkus' HTTP metrics read the {@code uri} tag from; one value per route keeps it bounded. */
    private static final String METRICS_URI = "UrlPathTemplate";
    private static final String UNKNOWN_ROUTE = RouteTable.API_PREFIX + "*";

    private final RouteTable routes;

    RouteResolution(RouteTable routes) {
        this.routes = routes;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        request.pause();
        Target target = routes.resolve(request.path()).orElse(null);
        // Read from the request's own context by Quarkus' HTTP server metrics (as RESTEasy Reactive sets it).
        ((HttpServerRequestInternal) request).context().putLocal(METRICS_URI, target == null ? UNKNOWN_ROUTE : target.metricsUri());
        if (target == null) {
            ProblemResponses.send(ctx.response(), 404, "Not Found", "No such API resource", request.path());
            return;
        }
        ctx.put(TARGET, target);
        ctx.next();
    }
}
