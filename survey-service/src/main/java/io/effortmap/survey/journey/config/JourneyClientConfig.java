package io.effortmap.survey.journey.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How survey-service talks to journey-service. The base URL is the REST client's own
 * {@code quarkus.rest-client.journey-service.url} (env {@code JOURNEY_SERVICE_URL}).
 */
@ConfigMapping(prefix = "effortmap.journey-client")
public interface JourneyClientConfig {

    /** Time to open a TCP connection (env {@code JOURNEY_CONNECT_TIMEOUT}). */
    @WithDefault("1s")
    Duration connectTimeout();

    /** Time to wait for the answer of one attempt (env {@code JOURNEY_READ_TIMEOUT}). */
    @WithDefault("2s")
    Duration readTimeout();

    /** Sent as {@code Retry-After} when journey-service cannot be reached (env {@code JOURNEY_RETRY_AFTER}). */
    @WithDefault("10s")
    Duration retryAfter();
}
