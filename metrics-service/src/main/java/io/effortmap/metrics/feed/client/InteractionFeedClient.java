package io.effortmap.metrics.feed.client;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Reads the interaction feed; same policy as the response feed: idempotent reads, failures keep the cursor. */
@ApplicationScoped
public class InteractionFeedClient {

    @RestClient
    InteractionFeedApi api;

    @Inject
    ServiceTokens tokens;

    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5, delayUnit = ChronoUnit.SECONDS)
    public Uni<InteractionFeedPage> after(String cursor, int limit) {
        return tokens.withToken(authorization -> api.page(authorization, cursor, limit));
    }
}
