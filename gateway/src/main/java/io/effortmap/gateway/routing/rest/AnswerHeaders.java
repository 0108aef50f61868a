package io.effortmap.gateway.routing.rest;

import io.effortmap.gateway.routing.service.RouteTable.Target;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;

/**
 * A service's answer headers as the caller gets them: end-to-end headers only, {@link SecurityHeaders} when the
 * service sent none, and a {@code Location} naming the service's internal address made relative.
 */
final class AnswerHeaders {

    private static final CharSequence LOCATION = HttpHeaders.LOCATION;

    private AnswerHeaders() {
    }

    static void fromService(HttpClientResponse reply, MultiMap to, Target target) {
        ForwardedHeaders.towardsCaller(reply.headers(), to);
        SecurityHeaders.addMissing(to);
        int status = reply.statusCode();
        if (status == 201 || status == 202 || status >= 300 && status < 400) {
            publicLocation(to, target);
        }
    }

    /**
     * A service that builds an absolute URL names itself as the gateway reached it ({@code http://survey-service:8080});
     * callers get the path as a relative reference instead, which resolves against the URL they called, whatever
     * host, scheme and ingress lie in between (RFC 9110 section 10.2.2 allows relative Location values).
     */
    private static void publicLocation(MultiMap headers, Target target) {
        String location = headers.get(LOCATION);
        String origin = target.origin();
        if (location != null && location.length() > origin.length()
                && location.regionMatches(true, 0, origin, 0, origin.length())
                && location.charAt(origin.length()) == '/') {
            headers.set(LOCATION, location.substring(origin.length()));
        }
    }
}
