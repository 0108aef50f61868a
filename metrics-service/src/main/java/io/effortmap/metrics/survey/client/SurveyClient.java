package io.effortmap.metrics.survey.client;

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
 * Confirms a survey with the caller's own token, so survey-service decides whether it belongs to the caller's
 * workspace. A 404 is an answer, not a failure: it neither retries nor trips the breaker.
 */
@ApplicationScoped
public class SurveyClient {

    @RestClient
    SurveyApi api;

    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100, abortOn = ProblemException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = ProblemException.class)
    @Fallback(fallbackMethod = "unavailable", skipOn = ProblemException.class)
    public Uni<Survey> survey(String surveyId, String bearer) {
        return api.survey(surveyId, bearer)
                .onFailure(SurveyClient::isNotFound)
                .transform(e -> ProblemException.notFound("No survey " + surveyId));
    }

    Uni<Survey> unavailable(String surveyId, String bearer) {
        return Uni.createFrom().failure(ProblemException.unavailable("survey-service is unavailable", 5));
    }

    /** survey-service answers 404 for unknown ids and 400 for ids that are not UUIDs: neither exists for the caller. */
    private static boolean isNotFound(Throwable e) {
        return e instanceof WebApplicationException w
                && (w.getResponse().getStatus() == 404 || w.getResponse().getStatus() == 400);
    }
}
