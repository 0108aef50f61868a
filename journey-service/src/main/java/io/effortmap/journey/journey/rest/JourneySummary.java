package io.effortmap.journey.journey.rest;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One entry of {@code GET /api/v1/journeys}; fetch the journey by id for its stages and touchpoints. */
@Schema(name = "JourneySummary")
public record JourneySummary(
        String id,
        String name,
        @Schema(nullable = true) String description,
        @Schema(nullable = true) String owner,
        JourneyStatus status,
        long version,
        int stageCount,
        int touchpointCount,
        Instant createdAt,
        Instant updatedAt) {
}
