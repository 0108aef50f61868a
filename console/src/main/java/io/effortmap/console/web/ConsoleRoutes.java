package io.effortmap.console.web;

import io.effortmap.console.settings.config.ConsoleConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;

/**
 * Serves the single-page app: every app path (a shared link such as {@code /journeys/jr_1/touchpoints/tp_2}) answers
 * the app's index.html, which routes in the browser; and every answer carries the security headers of a page that
 * holds access tokens in memory.
 */
@ApplicationScoped
public class ConsoleRoutes {

    /** Bundles are named by their content hash, so a browser may keep them for good. */
    private static final String BUNDLE_PREFIX = "/static/";

    private final String contentSecurityPolicy;

    ConsoleRoutes(ConsoleConfig config) {
        String keycloak = origin(config.oidcIssuer());
        // Scripts only from this origin (no inline script, no eval); API calls to this origin (the gateway),
        // token calls to Keycloak. Inline styles: Lit and ECharts set element styles.
        this.contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                + "img-src 'self' data:; font-src 'self'; connect-src 'self' " + keycloak + "; "
                + "frame-ancestors 'none'; base-uri 'self'; form-action 'self' " + keycloak + "; object-src 'none'";
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::headers);
        router.get().order(Integer.MIN_VALUE + 1).handler(ConsoleRoutes::appPaths);
        router.head().order(Integer.MIN_VALUE + 1).handler(ConsoleRoutes::appPaths);
    }

    private void headers(RoutingContext ctx) {
        String path = ctx.request().path();
        ctx.addHeadersEndHandler(ignored -> {
            HttpServerResponse response = ctx.response();
            response.headers()
                    .set("Content-Security-Policy", contentSecurityPolicy)
                    .set("X-Content-Type-Options", "nosniff")
                    .set("Referrer-Policy", "no-referrer")
                    .set("X-Frame-Options", "DENY")
                    .set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
            if (path.startsWith(BUNDLE_PREFIX) && response.getStatusCode() == 200) {
                response.headers().set(HttpHeaders.CACHE_CONTROL, "public, max-age=31536000, immutable");
            } else {
                // index.html names the current bundles: always revalidate it.
                response.headers().set(HttpHeaders.CACHE_CONTROL, "no-cache");
            }
        });
        ctx.next();
    }

    /** App routes have no file extension; files, health and settings keep their own handlers. */
    private static void appPaths(RoutingContext ctx) {
        String path = ctx.request().path();
        if (isAppRoute(path)) {
            ctx.reroute("/");
        } else {
            ctx.next();
        }
    }

    static boolean isAppRoute(String path) {
        if (path == null || path.equals("/") || path.startsWith("/q/") || path.startsWith(BUNDLE_PREFIX)
                || path.startsWith("/api/")) {
            return false;
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        return !last.contains(".");
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getAuthority();
    }
}
