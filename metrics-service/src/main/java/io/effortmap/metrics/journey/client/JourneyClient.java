package io.effortmap.metrics.journey.client;

import io.effortmap.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Resolves a touchpoint with the caller's own token, so journey-service decides whether it belongs to the caller's
 * workspace. A 404 is an answer, not a failure: it neither retries nor trips the breaker.
 */
@ApplicationScoped
public class JourneyClient {

    @RestClient
    JourneyApi api;

    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100, abortOn = ProblemException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = ProblemException.class)
    @Fallback(fallbackMethod = "unavailable", skipOn = ProblemException.class)
    public Uni<Touchpoint> touchpoint(String journeyId, String touchpointId, String bearer) {
        return api.touchpoint(journeyId, touchpointId, bearer)
                .onFailure(JourneyClient::isNotFound)
                .transform(e -> ProblemException.notFound("No touchpoint " + touchpointId + " in journey " + journeyId));
    }

    Uni<Touchpoint> unavailable(String journeyId, String touchpointId, String bearer) {
        return Uni.createFrom().failure(new JourneyUnavailableException());
    }

    /** A journey map, read with the caller's token; another workspace's journey is a 404 problem. */
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100, abortOn = ProblemException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = ProblemException.class)
    @Fallback(fallbackMethod = "journeyUnavailable", skipOn = ProblemException.class)
    public Uni<Journey> journey(String journeyId, String bearer) {
        return api.journey(journeyId, bearer)
                .onFailure(JourneyClient::isNotFound)
                .transform(e -> ProblemException.notFound("No journey " + journeyId));
    }

    Uni<Journey> journeyUnavailable(String journeyId, String bearer) {
        return Uni.createFrom().failure(new JourneyUnavailableException());
    }

    private static boolean isNotFound(Throwable e) {
        return e instanceof WebApplicationException w && w.getResponse().getStatus() == 404;
    }
}
