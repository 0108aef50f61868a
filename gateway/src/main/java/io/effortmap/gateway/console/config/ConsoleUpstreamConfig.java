package io.effortmap.gateway.console.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The browser console's upstream: every path outside the API and the gateway's own is its page or asset. */
@ConfigMapping(prefix = "effortmap.gateway.console")
public interface ConsoleUpstreamConfig {

    /** Base URL of the console, e.g. {@code http://console:8080}; without it those paths answer 404. */
    Optional<String> url();

    /** Deadline of one page or asset request. */
    @WithDefault("10s")
    Duration timeout();
}
