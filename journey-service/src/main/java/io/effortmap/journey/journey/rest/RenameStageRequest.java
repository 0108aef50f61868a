package io.effortmap.journey.journey.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code PATCH /api/v1/journeys/{journeyId}/stages/{stageId}}. */
@Schema(name = "RenameStage")
public record RenameStageRequest(@NotBlank @Size(max = Limits.NAME) String name) {
}
