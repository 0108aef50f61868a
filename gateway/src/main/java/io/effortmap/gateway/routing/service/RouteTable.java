package io.effortmap.gateway.routing.service;

import io.effortmap.gateway.routing.config.GatewayConfig;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Maps the first segment after {@code /api/v1/} to its owning service, and respondents' survey pages ({@code /s/...})
 * to the service that answers respondents ({@code /api/v1/public/}).
 */
@Singleton
public class RouteTable {

    public static final String API_PREFIX = "/api/v1/";
    /** Hosted survey pages behind invitation links: {@code /s/<token>}. */
    public static final String RESPONDENT_PAGES = "/s/";
    private static final String RESPONDENT_API = "public";

    /**
     * Where one path prefix goes. {@code metricsUri} is the request-metrics tag of the prefix ({@code /api/v1/surveys}),
     * fixed per prefix so ids in paths never create a timer each; the service's prefixes share one circuit breaker and
     * one readiness state.
     * {@code origin} ({@code http://host:port}, the port only when not the scheme's default) is how the service sees
     * itself: absolute URLs it builds start with it.
     */
    public record Target(String service, Upstream upstream, long timeoutMillis, long maxBodyBytes, UpstreamGuard guard,
            UpstreamHealth health, String metricsUri) {

        public String host() {
            return upstream.host();
        }

        public int port() {
            return upstream.port();
        }

        public boolean ssl() {
            return upstream.ssl();
        }

        public String origin() {
            return upstream.origin();
        }
    }

    /** An address to call: host, port, and whether over TLS ({@code https}). */
    public record Upstream(String host, int port, boolean ssl, String origin) {

        /** From a base URL: {@code http} (port 80 unless given) or {@code https} (443 unless given). */
        public static Upstream of(String url) {
            URI uri = URI.create(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean ssl = switch (scheme) {
                case "http" -> false;
                case "https" -> true;
                default -> throw new IllegalArgumentException("Upstream " + url + " must be an http:// or https:// URL");
            };
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("Upstream " + url + " names no host");
            }
            int defaultPort = ssl ? 443 : 80;
            int port = uri.getPort() > 0 ? uri.getPort() : defaultPort;
            return new Upstream(uri.getHost(), port, ssl,
                    scheme + "://" + uri.getHost() + (port == defaultPort ? "" : ":" + port));
        }
    }

    private final Map<String, Target> byPrefix = new HashMap<>();
    private final Map<String, Target> byService = new HashMap<>();
    private final Map<String, Upstream> management = new HashMap<>();
    private final Target respondentPages;

    RouteTable(GatewayConfig config) {
        config.services().forEach((name, upstream) -> {
            UpstreamGuard guard = new UpstreamGuard(name, config.breakerFailureThreshold(), config.breakerOpen());
            UpstreamHealth health = new UpstreamHealth(name,
                    config.probeReadiness() ? readinessUrl(upstream.managementUrl()) : null);
            Target target = new Target(name, Upstream.of(upstream.url()), upstream.timeout().toMillis(),
                    upstream.maxBodySize().asLongValue(), guard, health, "/openapi/" + name);
            byService.put(name, target);
            management.put(name, Upstream.of(upstream.managementUrl()));
            upstream.prefixes().forEach(prefix -> {
                Target route = new Target(name, target.upstream(), target.timeoutMillis(), target.maxBodyBytes(), guard,
                        health, API_PREFIX + prefix);
                if (byPrefix.put(prefix, route) != null) {
                    throw new IllegalStateException("Prefix /api/v1/" + prefix + " is routed to two services");
                }
            });
        });
        Target respondents = byPrefix.get(RESPONDENT_API);
        respondentPages = respondents == null ? null : new Target(respondents.service(), respondents.upstream(),
                respondents.timeoutMillis(), respondents.maxBodyBytes(), respondents.guard(), respondents.health(), "/s");
    }

    public Optional<Target> resolve(String path) {
        if (path.startsWith(RESPONDENT_PAGES)) {
            return Optional.ofNullable(respondentPages);
        }
        if (!path.startsWith(API_PREFIX)) {
            return Optional.empty();
        }
        int end = path.indexOf('/', API_PREFIX.length());
        return Optional.ofNullable(byPrefix.get(path.substring(API_PREFIX.length(), end < 0 ? path.length() : end)));
    }

    public Optional<Target> service(String name) {
        return Optional.ofNullable(byService.get(name));
    }

    /** A service's management interface (health, metrics, its OpenAPI document). */
    public Optional<Upstream> management(String service) {
        return Optional.ofNullable(management.get(service));
    }

    /** One target per service. */
    public Collection<Target> targets() {
        return byService.values();
    }

    /** The readiness check on a service's management interface (what Kubernetes' readiness probe asks). */
    private static String readinessUrl(String managementUrl) {
        return managementUrl.replaceAll("/+$", "") + "/q/health/ready";
    }
}
