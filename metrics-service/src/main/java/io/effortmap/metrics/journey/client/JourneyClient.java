package io.effortmap.metrics.journey.client;

import io.effortmap.common.ids.IdShape;
import io.effortmap.common.ids.PathSegments;
import io.effortmap.common.problem.ProblemException;
import io.effortmap.metrics.support.PeerAnswers;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Resolves journeys and touchpoints with the caller's own token, so journey-service decides whether they belong to
 * the caller's workspace. Ids of the wrong shape are refused before any call; a 4xx or an answer that is not what was
 * asked for is the caller's problem ({@link PeerAnswers}): a 404 problem that neither retries nor trips the breaker.
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
        if (!IdShape.JOURNEY.matches(journeyId)) {
            return Uni.createFrom().failure(IdShape.JOURNEY.notFoundInPath("journeyId"));
        }
        if (!IdShape.TOUCHPOINT.matches(touchpointId)) {
            return Uni.createFrom().failure(IdShape.TOUCHPOINT.notFoundInPath("touchpointId"));
        }
        return api.touchpoint(PathSegments.encode(journeyId), PathSegments.encode(touchpointId), bearer)
                .onFailure().transform(e -> PeerAnswers.classify(e, "touchpointId", "a touchpoint of journey " + journeyId))
                .invoke(tp -> {
                    if (tp == null || !journeyId.equals(tp.journeyId()) || !touchpointId.equals(tp.touchpointId())) {
                        throw PeerAnswers.notConfirmed("touchpointId", "a touchpoint",
                                "could not be confirmed as a touchpoint of journey " + journeyId + " (unexpected answer)");
                    }
                });
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
        if (!IdShape.JOURNEY.matches(journeyId)) {
            return Uni.createFrom().failure(IdShape.JOURNEY.notFoundInPath("journeyId"));
        }
        return api.journey(PathSegments.encode(journeyId), bearer)
                .onFailure().transform(e -> PeerAnswers.classify(e, "journeyId", "a journey"))
                .invoke(journey -> {
                    if (journey == null || !journeyId.equals(journey.id())) {
                        throw PeerAnswers.notConfirmed("journeyId", "a journey",
                                "could not be confirmed as a journey of your workspace (unexpected answer)");
                    }
                });
    }

    Uni<Journey> journeyUnavailable(String journeyId, String bearer) {
        return Uni.createFrom().failure(new JourneyUnavailableException());
    }
}
