package io.effortmap.metrics.survey.client;

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
 * Confirms a survey with the caller's own token, so survey-service decides whether it belongs to the caller's
 * workspace. Ids that are not UUIDs are refused before any call; a 4xx or an answer that is not the survey asked for
 * is the caller's problem ({@link PeerAnswers}): a 404 problem that neither retries nor trips the breaker.
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
        if (!IdShape.SURVEY.matches(surveyId)) {
            return Uni.createFrom().failure(IdShape.SURVEY.notFoundInPath("surveyId"));
        }
        return api.survey(PathSegments.encode(surveyId), bearer)
                .onFailure().transform(e -> PeerAnswers.classify(e, "surveyId", "a survey"))
                .invoke(survey -> {
                    if (survey == null || !surveyId.equalsIgnoreCase(survey.id())) {
                        throw PeerAnswers.notConfirmed("surveyId", "a survey",
                                "could not be confirmed as a survey of your workspace (unexpected answer)");
                    }
                });
    }

    Uni<Survey> unavailable(String surveyId, String bearer) {
        return Uni.createFrom().failure(ProblemException.unavailable("survey-service is unavailable", 5));
    }
}
