package io.effortmap.journey.journey.rest;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A journey map as clients see it. {@code version} is also sent as the ETag. */
@Schema(name = "Journey")
public record JourneyResponse(
        String id,
        String name,
        @Schema(nullable = true) String description,
        @Schema(nullable = true) String owner,
        List<String> personaIds,
        JourneyStatus status,
        long version,
        @Schema(nullable = true, description = "Number of the latest published version, null before the first publish") Integer publishedVersion,
        Instant createdAt,
        Instant updatedAt,
        List<Stage> stages) {

    public record Stage(String id, String name, List<Touchpoint> touchpoints) {
    }

    public record Touchpoint(
            String id,
            String name,
            Channel channel,
            @Schema(nullable = true) String ownerTeam,
            @Schema(nullable = true) String description,
            List<String> painPoints,
            List<Opportunity> opportunities,
            @Schema(nullable = true) Integer expectedEmotion,
            Targets targets) {
    }

    public record Opportunity(String id, String text, @Schema(nullable = true) String owner, OpportunityStatus status) {
    }
}
