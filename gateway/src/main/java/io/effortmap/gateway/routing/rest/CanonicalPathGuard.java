package io.effortmap.gateway.routing.rest;

import io.effortmap.common.rest.CanonicalPath;
import io.effortmap.gateway.problem.ProblemResponses;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;

/**
 * Refuses paths that do not mean the same to every component ({@link CanonicalPath}): everything after this reads the
 * raw path (routing, the public/authenticated split, rate limiting) and forwards it as received, while the router and
 * the services match on a normalized one, so the two must be equal. The problem names the field {@code path} in
 * {@code errors[]}, as the services' {@link io.effortmap.common.rest.CanonicalPathFilter} does.
 */
@Singleton
public class CanonicalPathGuard implements Handler<RoutingContext> {

    @Override
    public void handle(RoutingContext ctx) {
        String violation = CanonicalPath.violation(ctx.request().path());
        if (violation != null) {
            // Named like the services' refusal (CanonicalPathFilter): the path as a whole is at fault, not one parameter.
            ProblemResponses.send(ctx.response(), 400, "Bad Request", "Ambiguous path: " + violation, null,
                    "path", violation);
            return;
        }
        ctx.next();
    }
}
