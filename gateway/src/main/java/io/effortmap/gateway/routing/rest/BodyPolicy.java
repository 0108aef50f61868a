package io.effortmap.gateway.routing.rest;

import io.effortmap.gateway.problem.ProblemResponses;
import io.effortmap.gateway.routing.config.GatewayConfig;
import io.effortmap.gateway.routing.service.RouteTable;
import io.effortmap.gateway.routing.service.RouteTable.Target;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Set;

/** 413 for a declared body over the route's limit, 415 for a body of a media type the API does not take, before anything is read. */
@Singleton
public class BodyPolicy implements Handler<RoutingContext> {

    private static final String FORM = "application/x-www-form-urlencoded";
    private final Set<String> mediaTypes;

    BodyPolicy(GatewayConfig config) {
        this.mediaTypes = Set.copyOf(config.requestMediaTypes());
    }

    @Override
    public void handle(RoutingContext ctx) {
        Target target = ctx.get(RouteResolution.TARGET);
        HttpServerRequest request = ctx.request();
        long declared = parseLength(request.getHeader(HttpHeaders.CONTENT_LENGTH));
        if (declared > target.maxBodyBytes()) {
            ProblemResponses.send(ctx.response(), 413, "Content Too Large",
                    "The body exceeds " + target.maxBodyBytes() + " bytes", request.path());
            return;
        }
        boolean hasBody = declared > 0 || "chunked".equalsIgnoreCase(request.getHeader(HttpHeaders.TRANSFER_ENCODING));
        if (hasBody && !acceptedMediaType(request.getHeader(HttpHeaders.CONTENT_TYPE), request.path())) {
            ProblemResponses.send(ctx.response(), 415, "Unsupported Media Type",
                    "Send the body as one of " + String.join(", ", mediaTypes), request.path());
            return;
        }
        ctx.next();
    }

    private boolean acceptedMediaType(String contentType, String path) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        // A survey page is answered by a browser's plain form post (it works without JavaScript).
        if (path.startsWith(RouteTable.RESPONDENT_PAGES)) {
            return type.equals(FORM);
        }
        return mediaTypes.contains(type) || type.endsWith("+json");
    }

    private static long parseLength(String header) {
        try {
            return header == null ? 0 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
