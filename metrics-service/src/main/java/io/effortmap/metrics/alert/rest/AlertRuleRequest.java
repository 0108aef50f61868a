package io.effortmap.metrics.alert.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/alerts/rules} and {@code PUT /api/v1/alerts/rules/{id}} (a PUT replaces every field). */
@Schema(name = "AlertRuleRequest")
public record AlertRuleRequest(
        @NotBlank @Size(max = 100) String name,
        @NotNull @Pattern(regexp = "CES|CSAT|NPS", message = "must be one of CES, CSAT, NPS") String metric,
        @Schema(nullable = true, description = "CES_AGREEMENT (1-7, default for CES) or CES_EFFORT (1-5); CSAT and NPS have one")
        @Pattern(regexp = "CES_AGREEMENT|CES_EFFORT|CSAT|NPS", message = "must be one of CES_AGREEMENT, CES_EFFORT, CSAT, NPS") String scoring,
        @NotNull @Pattern(regexp = "workspace|journey|touchpoint|survey", message = "must be one of workspace, journey, touchpoint, survey") String scope,
        @Schema(nullable = true, description = "Journey, touchpoint or survey id; for scope workspace absent or the caller's workspace")
        @Size(max = 200) String scopeId,
        @Schema(nullable = true, description = "Journey of the touchpoint (scope touchpoint only)") @Size(max = 200) String journeyId,
        @NotNull @Pattern(regexp = "THRESHOLD|SIGNIFICANT_DROP", message = "must be THRESHOLD or SIGNIFICANT_DROP") String condition,
        @Schema(nullable = true, description = "BELOW or ABOVE (THRESHOLD only)")
        @Pattern(regexp = "BELOW|ABOVE", message = "must be BELOW or ABOVE") String operator,
        @Schema(nullable = true, description = "THRESHOLD only: CES mean on its scale, CSAT share of satisfied answers 0-1, NPS -100..100") Double threshold,
        @Schema(nullable = true, description = "Fewest answers (in each window for drops) before the condition can hold; default the low-sample threshold")
        @Min(2) @Max(1_000_000) Integer minN,
        @Schema(nullable = true, description = "Rolling window in days ending today (workspace zone), default 7")
        @Min(1) @Max(366) Integer windowDays,
        @Schema(nullable = true, description = "Default true") Boolean enabled) {
}
