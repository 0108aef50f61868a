package io.effortmap.gateway.routing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;

@ConfigMapping(prefix = "effortmap.gateway")
public interface GatewayConfig {

    /** Upstream services by name (survey, journey, metrics). */
    Map<String, Upstream> services();

    /** Connections kept per upstream; requests beyond wait in the pool's queue. */
    @WithDefault("64")
    int maxConnectionsPerUpstream();

    interface Upstream {

        /** Base URL, e.g. {@code http://survey-service:8080}. */
        String url();

        /** Public path prefixes under {@code /api/v1/} served by this upstream. */
        List<String> prefixes();

        /** Whole-response deadline; past it the caller gets a 504 problem. */
        @WithDefault("15s")
        Duration timeout();
    }
}
