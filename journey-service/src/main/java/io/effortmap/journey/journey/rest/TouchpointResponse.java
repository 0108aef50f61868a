package io.effortmap.journey.journey.rest;

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
        Targets targets) {
}
