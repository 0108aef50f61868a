package io.effortmap.journey.journey.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import io.effortmap.common.ids.IdShape;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code PUT /api/v1/journeys/{journeyId}}: the whole journey as it should be. Stages, touchpoints and opportunities
 * that carry an {@code id} keep it (they must exist in the journey: 422 otherwise); those without one are new and get
 * an id. What is left out is removed; removed touchpoints stay resolvable through published versions.
 */
@Schema(name = "ReplaceJourney")
public record ReplaceJourneyRequest(
        @NotBlank @Size(max = Limits.NAME) String name,
        @Schema(nullable = true) @Size(max = Limits.DESCRIPTION) String description,
        @Schema(nullable = true) @Size(max = Limits.NAME) String owner,
        @Schema(nullable = true, description = "Personas of the workspace this journey is drawn for")
        @Size(max = Limits.PERSONAS_PER_JOURNEY) List<@NotNull @Pattern(regexp = IdShape.Regex.PERSONA, message = IdShape.Regex.PERSONA_MESSAGE) String> personaIds,
        @NotNull @Size(min = 1, max = Limits.STAGES) List<@NotNull @Valid StageEdit> stages) {

    @Schema(name = "StageEdit")
    public record StageEdit(
            @Schema(nullable = true, description = "Keep the stage's id; omit for a new stage")
            @Pattern(regexp = IdShape.Regex.STAGE, message = IdShape.Regex.STAGE_MESSAGE) String id,
            @NotBlank @Size(max = Limits.NAME) String name,
            @Schema(nullable = true) @Size(max = Limits.TOUCHPOINTS_PER_STAGE) List<@NotNull @Valid TouchpointEdit> touchpoints) {
    }

    /** Also the body of {@code PUT /api/v1/journeys/{journeyId}/touchpoints/{touchpointId}}. */
    @Schema(name = "TouchpointEdit")
    public record TouchpointEdit(
            @Schema(nullable = true, description = "Keep the touchpoint's id; omit for a new touchpoint")
            @Pattern(regexp = IdShape.Regex.TOUCHPOINT, message = IdShape.Regex.TOUCHPOINT_MESSAGE) String id,
            @NotBlank @Size(max = Limits.NAME) String name,
            @NotNull Channel channel,
            @Schema(nullable = true) @Size(max = Limits.NAME) String ownerTeam,
            @Schema(nullable = true) @Size(max = Limits.DESCRIPTION) String description,
            @Schema(nullable = true) @Size(max = Limits.PAIN_POINTS) List<@NotBlank @Size(max = Limits.SHORT_TEXT) String> painPoints,
            @Schema(nullable = true) @Size(max = Limits.OPPORTUNITIES) List<@NotNull @Valid OpportunityEdit> opportunities,
            @Schema(nullable = true) @Min(-2) @Max(2) Integer expectedEmotion,
            @Schema(nullable = true) @Valid Targets targets) {

        public static TouchpointEdit of(CreateJourneyRequest.TouchpointRequest t) {
            return new TouchpointEdit(null, t.name(), t.channel(), t.ownerTeam(), t.description(), t.painPoints(),
                    t.opportunities() == null ? null : t.opportunities().stream()
                            .map(o -> new OpportunityEdit(null, o.text(), o.owner(), o.status())).toList(),
                    t.expectedEmotion(), t.targets());
        }
    }

    @Schema(name = "OpportunityEdit")
    public record OpportunityEdit(
            @Schema(nullable = true, description = "Keep the opportunity's id; omit for a new one")
            @Pattern(regexp = IdShape.Regex.OPPORTUNITY, message = IdShape.Regex.OPPORTUNITY_MESSAGE) String id,
            @NotBlank @Size(max = Limits.SHORT_TEXT) String text,
            @Schema(nullable = true) @Size(max = Limits.NAME) String owner,
            @Schema(description = "Defaults to open") OpportunityStatus status) {
    }
}
