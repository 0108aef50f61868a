package io.effortmap.metrics.webhook.service;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Something a subscription may be told about. {@code id} is stable for the same happening (an alert's opening, a
 * response's detractor answer), which is what makes publishing it twice harmless.
 */
public record WebhookEvent(String workspace, String type, String id, Instant at, Object data) {

    public static final String ALERT_OPENED = "alert.opened";
    public static final String ALERT_RESOLVED = "alert.resolved";
    public static final String RESPONSE_DETRACTOR = "response.detractor";
    public static final String RESPONSE_HARD_EFFORT = "response.hard_effort";
    public static final List<String> TYPES = List.of(ALERT_OPENED, ALERT_RESOLVED, RESPONSE_DETRACTOR,
            RESPONSE_HARD_EFFORT);
    public static final Set<String> TYPE_SET = Set.copyOf(TYPES);
}
