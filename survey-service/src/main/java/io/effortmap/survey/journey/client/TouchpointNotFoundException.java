package io.effortmap.survey.journey.client;

/** journey-service answered 404: the journey or touchpoint does not exist in the caller's workspace. */
public class TouchpointNotFoundException extends RuntimeException {

    public TouchpointNotFoundException() {
        super("Touchpoint not found", null, false, false);
    }
}
