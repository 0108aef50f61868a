package io.effortmap.gateway.routing.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

@ConfigMapping(prefix = "effortmap.gateway")
public interface GatewayConfig {

    /** Upstream services by name (survey, journey, metrics). */
    Map<String, Upstream> services();

    /** Connections kept per upstream and event loop; requests beyond wait in the pool's queue. */
    @WithDefault("64")
    int maxConnectionsPerUpstream();

    /** Consecutive upstream failures that open its circuit breaker. */
    @WithDefault("5")
    int breakerFailureThreshold();

    /** How long an open breaker fails fast before letting a probe through. */
    @WithDefault("10s")
    Duration breakerOpen();

    /**
     * Whether the gateway probes each service's readiness itself ({@code <management-url>/q/health/ready}, see
     * UpstreamHealth): on locally, where nothing else takes a service that is not ready out of the route; off in
     * Kubernetes, where a Service's endpoints follow each pod's readiness probe already.
     */
    @WithDefault("false")
    boolean probeReadiness();

    /** How often the services are probed when {@link #probeReadiness()} is on. */
    @WithDefault("500ms")
    Duration healthProbeInterval();

    /** A probe not answered within this counts as failed. */
    @WithDefault("1s")
    Duration healthProbeTimeout();

    /** Failed probes in a row after which an upstream's routes answer 503 until one succeeds. */
    @WithDefault("2")
    int healthProbeFailures();

    /**
     * Addresses of reverse proxies (e.g. the ingress controller) whose X-Forwarded-For is believed when identifying a
     * respondent's IP for rate limiting; from anyone else the header is ignored, so it cannot be spoofed.
     */
    Optional<Set<String>> trustedProxies();

    /** The realm URL browsers reach (behind an ingress it differs from the in-cluster one), for the OpenAPI document. */
    Optional<String> publicIssuer();

    /** One access-log line per request (category {@code io.effortmap.gateway.access}). */
    @WithDefault("true")
    boolean accessLog();

    /** Verified tokens remembered at most (least used dropped first); each entry lives until its token expires. */
    @WithDefault("50000")
    int verifiedTokenCacheSize();

    /**
     * PEM certificate files (CAs or the services' own certificates) that {@code https} upstreams are verified against;
     * without them, the JVM's default trust store (public CAs). Host names are always verified.
     */
    Optional<List<String>> upstreamTrustCerts();

    /** Media types accepted for request bodies (text/csv: survey-service's response import); anything else answers 415. */
    @WithDefault("application/json,application/x-ndjson,application/merge-patch+json,text/csv")
    List<String> requestMediaTypes();

    interface Upstream {

        /**
         * Base URL, e.g. {@code http://survey-service:8080} or {@code https://survey.internal} (port 443 unless given;
         * verified against {@link #upstreamTlsConfigurationName()}).
         */
        String url();

        /**
         * Base URL of the service's management interface, e.g. {@code http://survey-service:9000}: where the gateway
         * reads its OpenAPI document ({@code /q/openapi}) for the merged public document and Swagger UI.
         */
        String managementUrl();

        /** Public path prefixes under {@code /api/v1/} served by this upstream. */
        List<String> prefixes();

        /** Whole-response deadline; past it the caller gets a 504 problem. */
        @WithDefault("15s")
        Duration timeout();

        /** Largest request body; a larger declared Content-Length answers 413 before anything is sent upstream. */
        @WithDefault("10M")
        MemorySize maxBodySize();
    }
}
