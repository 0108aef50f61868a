package io.effortmap.survey.shared;

import java.util.List;

/** The channel vocabulary shared with journey-service (touchpoints, interactions), lowercase on the wire. */
public final class Channels {

    public static final List<String> ALL = List.of("web", "mobile_app", "email", "phone", "chat", "store", "social", "other");

    private Channels() {
    }

    public static boolean isKnown(String channel) {
        return ALL.contains(channel);
    }
}
