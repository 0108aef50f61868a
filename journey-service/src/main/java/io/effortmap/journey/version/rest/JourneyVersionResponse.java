package io.effortmap.journey.version.rest;

import io.effortmap.journey.journey.rest.JourneyResponse;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A published version: the journey's content as it was published. */
@Schema(name = "JourneyVersion")
public record JourneyVersionResponse(
        String journeyId,
        int number,
        @Schema(description = "The journey version (ETag) that was published; after publish it is the journey's current version")
        long journeyVersion,
        Instant publishedAt,
        String publishedBy,
        String name,
        @Schema(nullable = true) String description,
        @Schema(nullable = true) String owner,
        List<String> personaIds,
        List<JourneyResponse.Stage> stages) {
}
