package io.effortmap.journey.version.rest;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One entry of {@code GET /api/v1/journeys/{journeyId}/versions}. */
@Schema(name = "JourneyVersionSummary")
public record JourneyVersionSummary(int number, long journeyVersion, Instant publishedAt, String publishedBy, String name,
        int stageCount, int touchpointCount) {
}
