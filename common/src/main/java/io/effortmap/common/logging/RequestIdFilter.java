package io.effortmap.common.logging;

import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Puts the incoming {@code X-Request-Id} (set by the gateway) into the MDC, so every log line of the request carries
 * it. Quarkus keeps the MDC in the request's own Vert.x context, so it follows the request across threads and is
 * dropped with it; nothing needs clearing.
 */
public class RequestIdFilter {

    @ServerRequestFilter(preMatching = true)
    public void tag(ContainerRequestContext request) {
        String id = request.getHeaderString(RequestIds.HEADER);
        if (RequestIds.acceptable(id)) {
            MDC.put(RequestIds.MDC_KEY, id);
        }
    }
}
