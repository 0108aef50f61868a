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
     */
    public record Target(String service, String host, int port, long timeoutMillis, long maxBodyBytes,
            UpstreamBreaker breaker, UpstreamHealth health, String metricsUri) {
    }

    private final Map<String, Target> byPrefix = new HashMap<>();
    private final Map<String, Target> byService = new HashMap<>();

    RouteTable(GatewayConfig config) {
        config.services().forEach((name, upstream) -> {
            URI uri = URI.create(upstream.url());
            Target target = new Target(name, uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 80,
                    upstream.timeout().toMillis(), upstream.maxBodySize().asLongValue(),
                    new UpstreamBreaker(config.breakerFailureThreshold(), config.breakerOpen().toMillis()),
                    new UpstreamHealth(name, upstream.healthUrl().orElse(null)), "/openapi/" + name);
            byService.put(name, target);
            upstream.prefixes().forEach(prefix -> {
                Target route = new Target(target.service(), target.host(), target.port(), target.timeoutMillis(),
                        target.maxBodyBytes(), target.breaker(), target.health(), API_PREFIX + prefix);
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

    /** One target per service. */
    public java.util.Collection<Target> targets() {
        return byService.values();
    }
}
