package io.effortmap.journey.persona.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A persona as clients see it. {@code version} is also sent as the ETag. */
@Schema(name = "Persona")
public record PersonaResponse(
        String id,
        String name,
        @Schema(nullable = true) String description,
        List<String> goals,
        List<String> frustrations,
        Map<String, String> segments,
        long version,
        Instant createdAt,
        Instant updatedAt) {
}
