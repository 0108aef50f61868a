package io.effortmap.gateway.console.rest;

import io.effortmap.gateway.console.config.ConsoleUpstreamConfig;
import io.effortmap.gateway.problem.ProblemResponses;
import io.effortmap.common.logging.RequestIds;
import io.effortmap.gateway.routing.service.UpstreamClients;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Forwards the browser console's pages and assets ({@code GET}/{@code HEAD} of every path that is not the API, the
 * merged OpenAPI document, the gateway's own {@code /q/} endpoints or a respondent's {@code /s/} page) to the console
 * upstream, so the app and the
 * API share one origin and the app needs no CORS. No token is needed: the app's files are public, its data is not.
 */
@ApplicationScoped
public class ConsoleRoute {

    private static final Logger LOG = Logger.getLogger(ConsoleRoute.class);
    /** Request headers a static file server has any use for; cookies and tokens are not passed on. */
    private static final Set<String> FORWARDED = Set.of("accept", "accept-encoding", "accept-language",
            "if-none-match", "if-modified-since", "range", "user-agent", RequestIds.HEADER.toLowerCase(Locale.ROOT));

    private final ConsoleUpstreamConfig config;
    private final UpstreamClients clients;
    private HttpClient client;
    private String host;
    private int port;
    private boolean ssl;

    ConsoleRoute(ConsoleUpstreamConfig config, UpstreamClients clients) {
        this.config = config;
        this.clients = clients;
    }

    void register(@Observes Router router) {
        config.url().ifPresent(url -> {
            URI uri = URI.create(url);
            host = uri.getHost();
            ssl = "https".equalsIgnoreCase(uri.getScheme());
            port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
            // The upstreams' trust settings apply (https works); UpstreamClients closes it on shutdown.
            client = clients.create(2000);
            // Before the framework's own handlers (which would answer 404), after the request-id handler.
            router.route().order(Integer.MIN_VALUE + 1).handler(this::console);
        });
    }

    /**
     * Not the API, not the gateway's own documents, not the respondents' survey pages ({@code /s/{token}}), in any
     * letter case: a mistyped {@code /API/v1/...} is the gateway's 404, never the console's page.
     */
    static boolean isConsolePath(String path) {
        if (path == null) {
            return false;
        }
        String lower = path.toLowerCase(Locale.ROOT);
        return !lower.startsWith("/api/") && !lower.equals("/api") && !lower.startsWith("/q/") && !lower.equals("/q")
                && !lower.equals("/openapi") && !lower.startsWith("/openapi/") && !lower.startsWith("/s/");
    }

    private void console(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (!isConsolePath(request.path())) {
            ctx.next();
            return;
        }
        if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
            ctx.response().putHeader("Allow", "GET, HEAD");
            ProblemResponses.send(ctx.response(), 405, "Method Not Allowed",
                    "The console's pages are read with GET", request.path());
            return;
        }
        request.pause();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        request.headers().forEach(header -> {
            if (FORWARDED.contains(header.getKey().toLowerCase())) {
                headers.add(header.getKey(), header.getValue());
            }
        });
        RequestOptions options = new RequestOptions().setMethod(request.method()).setHost(host).setPort(port).setSsl(ssl)
                .setURI(request.uri()).setIdleTimeout(config.timeout().toMillis()).setHeaders(headers);
        client.request(options)
                .compose(upstream -> upstream.send(request))
                .onFailure(failure -> unavailable(ctx, failure))
                .onSuccess(reply -> {
                    ctx.response().setStatusCode(reply.statusCode());
                    reply.headers().forEach(header -> {
                        String name = header.getKey().toLowerCase();
                        if (!name.equals("connection") && !name.equals("keep-alive") && !name.equals("transfer-encoding")) {
                            ctx.response().headers().add(header.getKey(), header.getValue());
                        }
                    });
                    if (reply.getHeader("Content-Length") == null) {
                        ctx.response().setChunked(true);
                    }
                    reply.pipeTo(ctx.response());
                });
    }

    private static void unavailable(RoutingContext ctx, Throwable failure) {
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        LOG.warnf("console unavailable for %s: %s", ctx.request().path(), failure.toString());
        ctx.response().putHeader("Retry-After", "5");
        ProblemResponses.send(ctx.response(), 503, "Service Unavailable", "The console is unavailable",
                ctx.request().path());
    }
}
