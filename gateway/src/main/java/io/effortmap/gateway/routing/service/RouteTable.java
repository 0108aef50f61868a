package io.effortmap.gateway.routing.service;

import io.effortmap.gateway.routing.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Maps the first segment after {@code /api/v1/} to its owning service. */
@ApplicationScoped
public class RouteTable {

    public static final String API_PREFIX = "/api/v1/";

    /**
     * Where one path prefix goes. {@code metricsUri} is the request-metrics tag of the prefix ({@code /api/v1/surveys}),
     * fixed per prefix so ids in paths never create a timer each; the service's prefixes share one breaker.
     * {@code origin} ({@code http://host:port}) is how the service sees itself: absolute URLs it builds start with it.
     */
    public record Target(String service, String host, int port, long timeoutMillis, long maxBodyBytes,
            UpstreamBreaker breaker, UpstreamHealth health, String metricsUri, String origin) {
    }

    /** A service's management interface (health, metrics, its OpenAPI document). */
    public record Management(String host, int port) {
    }

    private final Map<String, Target> byPrefix = new HashMap<>();
    private final Map<String, Target> byService = new HashMap<>();
    private final Map<String, Management> management = new HashMap<>();

    RouteTable(GatewayConfig config) {
        config.services().forEach((name, upstream) -> {
            URI uri = URI.create(upstream.url());
            int port = uri.getPort() > 0 ? uri.getPort() : 80;
            Target target = new Target(name, uri.getHost(), port,
                    upstream.timeout().toMillis(), upstream.maxBodySize().asLongValue(),
                    new UpstreamBreaker(config.breakerFailureThreshold(), config.breakerOpen().toMillis()),
                    new UpstreamHealth(name, config.probeReadiness() ? readinessUrl(upstream.managementUrl()) : null),
                    "/openapi/" + name, "http://" + uri.getHost() + (port == 80 ? "" : ":" + port));
            byService.put(name, target);
            URI managementUri = URI.create(upstream.managementUrl());
            management.put(name, new Management(managementUri.getHost(),
                    managementUri.getPort() > 0 ? managementUri.getPort() : 80));
            upstream.prefixes().forEach(prefix -> {
                Target route = new Target(target.service(), target.host(), target.port(), target.timeoutMillis(),
                        target.maxBodyBytes(), target.breaker(), target.health(), API_PREFIX + prefix,
                        target.origin());
                if (byPrefix.put(prefix, route) != null) {
                    throw new IllegalStateException("Prefix /api/v1/" + prefix + " is routed to two services");
                }
            });
        });
    }

    public Optional<Target> resolve(String path) {
        if (!path.startsWith(API_PREFIX)) {
            return Optional.empty();
        }
        int end = path.indexOf('/', API_PREFIX.length());
        String first = path.substring(API_PREFIX.length(), end < 0 ? path.length() : end);
        return Optional.ofNullable(byPrefix.get(first));
    }

    public Optional<Target> service(String name) {
        return Optional.ofNullable(byService.get(name));
    }

    public Optional<Management> management(String service) {
        return Optional.ofNullable(management.get(service));
    }

    /** One target per service. */
    public java.util.Collection<Target> targets() {
        return byService.values();
    }

    /** The readiness check on a service's management interface (what Kubernetes' readiness probe asks). */
    private static String readinessUrl(String managementUrl) {
        return managementUrl.replaceAll("/+$", "") + "/q/health/ready";
    }
}
