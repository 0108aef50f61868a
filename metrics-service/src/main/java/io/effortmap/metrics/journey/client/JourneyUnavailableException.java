package io.effortmap.metrics.journey.client;

/** journey-service did not answer (timeout, breaker open, 5xx); the catalog may still know the journey. */
public class JourneyUnavailableException extends RuntimeException {

    public JourneyUnavailableException() {
        super("journey-service is unavailable", null, false, false);
    }
}
