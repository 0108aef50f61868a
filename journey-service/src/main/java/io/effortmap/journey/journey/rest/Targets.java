package io.effortmap.journey.journey.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Target scores of a touchpoint, each optional: {@code {"CES": 5.5, "CSAT": 80, "NPS": 30}}. CES covers both the 1–7
 * agreement and the 1–5 effort scale, CSAT is a percentage of satisfied answers, NPS runs from -100 to 100.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Target scores per metric; omitted metrics have no target")
public record Targets(
        @JsonProperty("CES") @DecimalMin("1") @DecimalMax("7") Double CES,
        @JsonProperty("CSAT") @DecimalMin("0") @DecimalMax("100") Double CSAT,
        @JsonProperty("NPS") @DecimalMin("-100") @DecimalMax("100") Double NPS) {

    public static final Targets NONE = new Targets(null, null, null);
}
