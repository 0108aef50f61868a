package io.effortmap.survey.journey.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.effortmap.common.ids.IdShape;
import io.effortmap.common.ids.PathSegments;
import io.effortmap.common.problem.ProblemException;
import io.effortmap.survey.journey.config.JourneyClientConfig;
import io.quarkus.restclient.config.RestClientBuilderFactory;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.jboss.logging.Logger;

/**
 * Asks journey-service whether a touchpoint exists, with the caller's own token so journey-service applies the same
 * workspace scope. Guards, from the outside in: fallback to a 503 problem, retry of transient failures, a circuit
 * breaker that stops calling a journey-service that keeps failing, and a per-attempt timeout. What is about the
 * caller's request passes every guard untouched and never counts as a failure, so one workspace's bad requests cannot
 * open the breaker for everybody: ids of the wrong shape (never sent), a 404, any other 4xx and an answer that is not
 * the touchpoint asked for.
 */
@ApplicationScoped
public class JourneyClient {

    private static final Logger LOG = Logger.getLogger(JourneyClient.class);

    private final JourneyApi api;
    private final long retryAfterSeconds;

    @Inject
    JourneyClient(JourneyClientConfig config) {
        // Built from quarkus.rest-client.journey-service.* (URL, TLS, proxy) plus the timeouts of our own config.
        this.api = RestClientBuilderFactory.getInstance().newBuilder(JourneyApi.class)
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .build(JourneyApi.class);
        this.retryAfterSeconds = Math.max(1, config.retryAfter().toSeconds());
    }

    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, retryOn = JourneyTransientException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 2, skipOn = {TouchpointNotFoundException.class, JourneyRefusedException.class})
    @CircuitBreakerName("journey-service")
    @Fallback(fallbackMethod = "unavailable", skipOn = {TouchpointNotFoundException.class, JourneyRefusedException.class})
    public Uni<Touchpoint> touchpoint(String authorization, String journeyId, String touchpointId) {
        if (!IdShape.JOURNEY.matches(journeyId) || !IdShape.TOUCHPOINT.matches(touchpointId)) {
            return Uni.createFrom().failure(new TouchpointNotFoundException());
        }
        return api.touchpoint(authorization, PathSegments.encode(journeyId), PathSegments.encode(touchpointId))
                .onFailure(e -> !(e instanceof TouchpointNotFoundException || e instanceof JourneyUnavailableException
                        || e instanceof JourneyRefusedException))
                .transform(JourneyClient::classify)
                .invoke(found -> {
                    if (found == null || !journeyId.equals(found.journeyId()) || !touchpointId.equals(found.touchpointId())) {
                        throw new JourneyRefusedException("journey-service answered something other than the touchpoint asked for");
                    }
                })
                .onFailure(e -> !(e instanceof TouchpointNotFoundException))
                .invoke(e -> LOG.warnf("journey-service touchpoint lookup failed: %s", e.toString()));
    }

    /** Fallback of {@link #touchpoint}: every failure but a 404 becomes 503, so nothing is written. */
    Uni<Touchpoint> unavailable(String authorization, String journeyId, String touchpointId) {
        return Uni.createFrom().failure(ProblemException.unavailable(
                "journey-service cannot confirm the touchpoint right now; nothing was saved, try again later",
                (int) retryAfterSeconds));
    }

    /**
     * Connection failures are transient (retried); an answer that is not JSON of a touchpoint is the caller's problem
     * (no healthy journey-service answers that to a well-formed lookup); timeouts and anything else are not retried,
     * to bound the caller's wait.
     */
    private static RuntimeException classify(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonProcessingException) {
                return new JourneyRefusedException("journey-service's answer could not be read: " + t.getMessage());
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException || t instanceof ClosedChannelException) {
                return new JourneyTransientException("journey-service unreachable: " + t, e);
            }
        }
        return new JourneyUnavailableException("journey-service call failed: " + e, e);
    }
}
