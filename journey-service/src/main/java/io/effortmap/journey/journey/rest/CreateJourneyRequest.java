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
 * Body of {@code POST /api/v1/journeys}. Ids, workspace, status and version are assigned by the server; sending any of
 * them is an unknown property and answers 400.
 */
@Schema(name = "CreateJourney")
public record CreateJourneyRequest(
        @NotBlank @Size(max = Limits.NAME) String name,
        @Schema(nullable = true) @Size(max = Limits.DESCRIPTION) String description,
        @Schema(nullable = true) @Size(max = Limits.NAME) String owner,
        @Schema(nullable = true, description = "Personas of the workspace this journey is drawn for")
        @Size(max = Limits.PERSONAS_PER_JOURNEY) List<@NotNull @Pattern(regexp = IdShape.Regex.PERSONA, message = IdShape.Regex.PERSONA_MESSAGE) String> personaIds,
        @Schema(nullable = true, description = "Omit to start from the template Awareness, Consideration, Purchase, Post-Purchase, Loyalty/Advocacy")
        @Size(min = 1, max = Limits.STAGES) List<@NotNull @Valid StageRequest> stages) {

    /** Also the body of {@code POST /api/v1/journeys/{journeyId}/stages}. */
    public record StageRequest(
            @NotBlank @Size(max = Limits.NAME) String name,
            @Schema(nullable = true) @Size(max = Limits.TOUCHPOINTS_PER_STAGE) List<@NotNull @Valid TouchpointRequest> touchpoints) {
    }

    /** Also the body of {@code POST /api/v1/journeys/{journeyId}/stages/{stageId}/touchpoints}. */
    public record TouchpointRequest(
            @NotBlank @Size(max = Limits.NAME) String name,
            @NotNull Channel channel,
            @Schema(nullable = true) @Size(max = Limits.NAME) String ownerTeam,
            @Schema(nullable = true) @Size(max = Limits.DESCRIPTION) String description,
            @Schema(nullable = true) @Size(max = Limits.PAIN_POINTS) List<@NotBlank @Size(max = Limits.SHORT_TEXT) String> painPoints,
            @Schema(nullable = true) @Size(max = Limits.OPPORTUNITIES) List<@NotNull @Valid OpportunityRequest> opportunities,
            @Schema(nullable = true, description = "Expected emotion from -2 (very negative) to 2 (very positive)")
            @Min(-2) @Max(2) Integer expectedEmotion,
            @Schema(nullable = true) @Valid Targets targets) {
    }

    public record OpportunityRequest(
            @NotBlank @Size(max = Limits.SHORT_TEXT) String text,
            @Schema(nullable = true) @Size(max = Limits.NAME) String owner,
            @Schema(description = "Defaults to open") OpportunityStatus status) {
    }
}
