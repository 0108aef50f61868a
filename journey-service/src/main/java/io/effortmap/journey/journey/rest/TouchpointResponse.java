package io.effortmap.journey.journey.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code GET /api/v1/journeys/{journeyId}/touchpoints/{touchpointId}}, shaped as docs/service-contracts.md fixes it. */
@Schema(name = "TouchpointReference")
public record TouchpointResponse(
        String journeyId,
        String touchpointId,
        String name,
        Channel channel,
        String stageId,
        String stageName,
        Targets targets,
        @Schema(description = "Only present, as true, when the touchpoint is no longer in the journey; it is then answered "
                + "from the latest published version that held it")
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean removed) {
}
