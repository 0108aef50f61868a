package io.effortmap.survey.journey.client;

/**
 * journey-service refused the caller's lookup (a 4xx other than 404) or answered something that is not the touchpoint
 * asked for. Both are about this request, not about journey-service's health: they neither retry nor count towards
 * the circuit breaker, and the caller gets a 4xx.
 */
public class JourneyRefusedException extends RuntimeException {

    public JourneyRefusedException(String message) {
        super(message, null, false, false);
    }
}
