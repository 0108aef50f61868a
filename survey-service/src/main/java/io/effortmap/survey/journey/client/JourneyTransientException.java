package io.effortmap.survey.journey.client;

/** A failure worth retrying: the connection could not be made, or journey-service answered 5xx. */
public class JourneyTransientException extends JourneyUnavailableException {

    public JourneyTransientException(String message, Throwable cause) {
        super(message, cause);
    }
}
