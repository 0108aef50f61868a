package io.effortmap.gateway.openapi.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.effortmap.gateway.openapi.service.OpenApiMerger;
import io.effortmap.gateway.problem.ProblemResponses;
import io.effortmap.gateway.routing.config.GatewayConfig;
import io.effortmap.gateway.routing.rest.SecurityHeaders;
import io.effortmap.gateway.routing.service.RouteTable;
import io.effortmap.gateway.routing.service.UpstreamClients;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /openapi}: the merged public API document, built from the services' own documents and kept for 30 s,
 * so it always matches what is deployed. A service that is down is left out and named in {@code x-unavailable}.
 * {@code GET /openapi/{service}}: one service's own document, for Swagger UI. Both are read from the services'
 * management interfaces ({@code /q/openapi}), which are not reachable from outside the cluster.
 */
@ApplicationScoped
public class OpenApiRoute {

    private static final long CACHE_NANOS = 30_000_000_000L;

    private final RouteTable routes;
    private final GatewayConfig config;
    private final OpenApiMerger merger;
    private final ObjectMapper json;
    private final HttpClient client;
    private final Optional<String> issuer;
    private volatile Buffer cached;
    private volatile long cachedAt;

    OpenApiRoute(RouteTable routes, GatewayConfig config, ObjectMapper json, UpstreamClients clients) {
        this.routes = routes;
        this.config = config;
        this.json = json;
        this.merger = new OpenApiMerger(json);
        this.issuer = config.publicIssuer();
        this.client = clients.create(2000);
    }

    void register(@Observes Router router) {
        router.get("/openapi").handler(this::serve);
        router.get("/openapi/:service").handler(this::serveOne);
    }

    private void serve(RoutingContext ctx) {
        Buffer current = cached;
        if (current != null && System.nanoTime() - cachedAt < CACHE_NANOS) {
            send(ctx, current);
            return;
        }
        List<String> services = new ArrayList<>(config.services().keySet());
        List<Future<Buffer>> fetches = services.stream().map(this::fetch).toList();
        Future.join(fetches).onComplete(done -> {
            Map<String, JsonNode> documents = new LinkedHashMap<>();
            List<String> unavailable = new ArrayList<>();
            for (int i = 0; i < services.size(); i++) {
                Future<Buffer> fetch = fetches.get(i);
                try {
                    if (fetch.succeeded()) {
                        documents.put(services.get(i), json.readTree(fetch.result().getBytes()));
                        continue;
                    }
                } catch (IOException e) {
                    // an unreadable document counts as unavailable
                }
                unavailable.add(services.get(i));
            }
            if (documents.isEmpty()) {
                ctx.response().putHeader("Retry-After", "5");
                ProblemResponses.send(ctx.response(), 503, "Service Unavailable", "No service answered", ctx.request().path());
                return;
            }
            var merged = merger.merge(documents, issuer);
            if (!unavailable.isEmpty()) {
                merged.set("x-unavailable", json.valueToTree(unavailable));
            }
            Buffer body;
            try {
                body = Buffer.buffer(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(merged));
            } catch (IOException e) {
                ctx.fail(e);
                return;
            }
            if (unavailable.isEmpty()) {
                cached = body;
                cachedAt = System.nanoTime();
            }
            send(ctx, body);
        });
    }

    private void serveOne(RoutingContext ctx) {
        String service = ctx.pathParam("service");
        if (routes.management(service).isEmpty()) {
            ProblemResponses.send(ctx.response(), 404, "Not Found", "No such service", ctx.request().path());
            return;
        }
        fetch(service).onComplete(fetched -> {
            if (fetched.succeeded()) {
                send(ctx, fetched.result());
            } else {
                ctx.response().putHeader("Retry-After", "5");
                ProblemResponses.send(ctx.response(), 503, "Service Unavailable", service + " did not answer",
                        ctx.request().path());
            }
        });
    }

    private Future<Buffer> fetch(String service) {
        RouteTable.Upstream management = routes.management(service).orElseThrow();
        return client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(management.host())
                        .setPort(management.port()).setSsl(management.ssl()).setURI("/q/openapi?format=json").setTimeout(5000))
                .compose(request -> request.send())
                .compose(response -> response.statusCode() == 200
                        ? response.body()
                        : Future.failedFuture(service + " answered " + response.statusCode()));
    }

    private static void send(RoutingContext ctx, Buffer body) {
        SecurityHeaders.addMissing(ctx.response().headers());
        ctx.response().putHeader("Content-Type", "application/json").end(body);
    }
}
