package io.effortmap.journey.journey.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Targets of a touchpoint, each optional: {@code {"CES_AGREEMENT": 5.5, "CES_EFFORT": 2, "CSATShare": 0.8, "NPS": 30}}.
 * A CES target names its scoring method, and so its direction: a mean of at least {@code CES_AGREEMENT} on the 1–7
 * agreement scale, of at most {@code CES_EFFORT} on the 1–5 effort scale; a figure is only compared with the target of
 * its own method. {@code CES} is the older name of {@code CES_AGREEMENT} (still read and written; the newer name wins
 * when a request gives both). {@code CSATShare} is the share of satisfied answers as a fraction 0–1 (like every share
 * in the API), {@code NPS} a score from -100 to 100.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Targets per metric; omitted metrics have no target. CES_AGREEMENT: a mean of at least this on "
        + "the 1-7 agreement scale; CES_EFFORT: a mean of at most this on the 1-5 effort scale; CSATShare: the share "
        + "of satisfied answers, 0-1; NPS: -100..100")
public record Targets(
        @JsonProperty("CES") @Schema(deprecated = true, description = "Older name of CES_AGREEMENT, same value")
        @DecimalMin("1") @DecimalMax("7") Double CES,
        @JsonProperty("CES_AGREEMENT") @Schema(description = "Mean of at least this on the 1-7 agreement scale")
        @DecimalMin("1") @DecimalMax("7") Double CES_AGREEMENT,
        @JsonProperty("CES_EFFORT") @Schema(description = "Mean of at most this on the 1-5 effort scale")
        @DecimalMin("1") @DecimalMax("5") Double CES_EFFORT,
        @JsonProperty("CSATShare") @Schema(description = "Share of satisfied (top-two-box) answers, 0-1")
        @DecimalMin("0") @DecimalMax("1") Double CSATShare,
        @JsonProperty("NPS") @DecimalMin("-100") @DecimalMax("100") Double NPS) {

    public static final Targets NONE = new Targets(null, null, null, null, null);

    /** The agreement target, under either name. */
    public Double cesAgreement() {
        return CES_AGREEMENT != null ? CES_AGREEMENT : CES;
    }
}
