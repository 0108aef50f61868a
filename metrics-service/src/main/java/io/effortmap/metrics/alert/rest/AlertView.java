package io.effortmap.metrics.alert.rest;

import io.effortmap.metrics.alert.repository.Alert;
import io.effortmap.metrics.alert.service.Observation;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code observed}: what opened the alert; {@code latest}: the last evaluation while it was not resolved. */
@Schema(name = "Alert")
public record AlertView(String id, String ruleId, String ruleName, String metric, String scoring, String condition,
        @Schema(enumeration = {"OPEN", "ACKNOWLEDGED", "RESOLVED"}) String state, Instant openedAt,
        Observation observed, @Schema(nullable = true) Observation latest,
        @Schema(nullable = true) Instant lastEvaluatedAt, @Schema(nullable = true) Instant acknowledgedAt,
        @Schema(nullable = true) String acknowledgedBy, @Schema(nullable = true) Instant resolvedAt,
        @Schema(nullable = true, description = "The user, or 'system' when the condition cleared") String resolvedBy) {

    public static AlertView of(Alert a) {
        return new AlertView(a.id(), a.ruleId(), a.ruleName(), a.metric(), a.scoring(), a.condition(), a.state(),
                a.openedAt(), a.observed(), a.latest(), a.lastEvaluatedAt(), a.acknowledgedAt(), a.acknowledgedBy(),
                a.resolvedAt(), a.resolvedBy());
    }
}
