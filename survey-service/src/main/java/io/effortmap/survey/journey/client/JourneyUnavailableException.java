package io.effortmap.survey.journey.client;

/** journey-service gave no usable answer (timeout, rejection); not retried. */
public class JourneyUnavailableException extends RuntimeException {

    public JourneyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
