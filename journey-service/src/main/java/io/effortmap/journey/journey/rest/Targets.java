package io.effortmap.journey.journey.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Targets of a touchpoint, each optional: {@code {"CES": 5.5, "CSATShare": 0.8, "NPS": 30}}. {@code CES} is a mean on
 * the survey's CES scale (1–7 agreement or 1–5 effort), {@code CSATShare} the share of satisfied answers as a fraction
 * 0–1 (like every share in the API), {@code NPS} a score from -100 to 100.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Targets per metric; omitted metrics have no target. CES: a mean on its scale; CSATShare: the share "
        + "of satisfied answers, 0-1; NPS: -100..100")
public record Targets(
        @JsonProperty("CES") @DecimalMin("1") @DecimalMax("7") Double CES,
        @JsonProperty("CSATShare") @Schema(description = "Share of satisfied (top-two-box) answers, 0-1")
        @DecimalMin("0") @DecimalMax("1") Double CSATShare,
        @JsonProperty("NPS") @DecimalMin("-100") @DecimalMax("100") Double NPS) {

    public static final Targets NONE = new Targets(null, null, null);
}
