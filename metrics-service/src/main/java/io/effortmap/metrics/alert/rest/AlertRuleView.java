package io.effortmap.metrics.alert.rest;

import io.effortmap.metrics.alert.repository.AlertRule;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "AlertRule")
public record AlertRuleView(String id, String name, String metric, String scoring, String scope,
        @Schema(nullable = true) String scopeId, @Schema(nullable = true) String journeyId, String condition,
        @Schema(nullable = true) String operator, @Schema(nullable = true) Double threshold, int minN, int windowDays,
        boolean enabled, long version, Instant createdAt, Instant updatedAt, String createdBy) {

    public static AlertRuleView of(AlertRule r) {
        return new AlertRuleView(r.id(), r.name(), r.metric(), r.scoring(), r.scope(), r.scopeId(), r.journeyId(),
                r.condition(), r.operator(), r.threshold(), r.minN(), r.windowDays(), r.enabled(), r.version(),
                r.createdAt(), r.updatedAt(), r.createdBy());
    }
}
