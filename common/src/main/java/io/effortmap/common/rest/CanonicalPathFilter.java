package io.effortmap.common.rest;

import io.effortmap.common.problem.Problem;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses, in every service, the paths the gateway refuses ({@link CanonicalPath}), before any resource is matched:
 * a caller inside the cluster gets the same answer as one through the gateway, and no service ever routes a path
 * that another component would have read differently.
 */
public class CanonicalPathFilter {

    @ServerRequestFilter(preMatching = true)
    public Response refuseAmbiguousPath(HttpServerRequest request) {
        String path = request.path();
        String violation = CanonicalPath.violation(path);
        if (violation == null) {
            return null;
        }
        return Response.status(400).type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", "Bad Request", 400, "Ambiguous path: " + violation, null,
                        List.of(new Problem.FieldError("path", violation))))
                .build();
    }
}
