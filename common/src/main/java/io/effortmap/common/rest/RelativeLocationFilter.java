package io.effortmap.common.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.net.URI;
import java.util.Objects;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * JAX-RS turns a relative {@code Location} ({@code created(URI.create("/api/v1/surveys/..."))}) into an absolute URL
 * built from the request's own host: behind the gateway that is the service's internal address
 * ({@code http://survey-service:8080/...}), which callers can neither reach nor should see. Every service answers the
 * path as a relative reference instead (RFC 9110 section 10.2.2), which resolves against whatever public URL the caller
 * used. Only URLs naming this service itself are rewritten.
 */
public class RelativeLocationFilter {

    @ServerResponseFilter
    public void relativeLocation(ContainerRequestContext request, ContainerResponseContext response) {
        Object location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
        if (location == null) {
            return;
        }
        URI uri;
        try {
            uri = location instanceof URI given ? given : new URI(location.toString());
        } catch (java.net.URISyntaxException e) {
            return; // not a URL this filter could have to rewrite; sent as the resource set it
        }
        URI self = request.getUriInfo().getBaseUri();
        if (uri.isAbsolute() && Objects.equals(uri.getScheme(), self.getScheme())
                && Objects.equals(uri.getRawAuthority(), self.getRawAuthority())) {
            String query = uri.getRawQuery();
            response.getHeaders().putSingle(HttpHeaders.LOCATION, uri.getRawPath() + (query == null ? "" : "?" + query));
        }
    }
}
