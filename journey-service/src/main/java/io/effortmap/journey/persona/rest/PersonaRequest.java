package io.effortmap.journey.persona.rest;

import io.effortmap.journey.journey.rest.Limits;
import io.effortmap.journey.support.Segments;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/personas} and {@code PUT /api/v1/personas/{id}} (a PUT replaces every field). */
@Schema(name = "PersonaRequest")
public record PersonaRequest(
        @NotBlank @Size(max = Limits.NAME) String name,
        @Schema(nullable = true) @Size(max = Limits.DESCRIPTION) String description,
        @Schema(nullable = true) @Size(max = Limits.PERSONA_ITEMS) List<@NotBlank @Size(max = Limits.SHORT_TEXT) String> goals,
        @Schema(nullable = true) @Size(max = Limits.PERSONA_ITEMS) List<@NotBlank @Size(max = Limits.SHORT_TEXT) String> frustrations,
        @Schema(nullable = true, description = "Segment attributes the persona stands for, e.g. {\"region\": \"EU\", \"plan\": \"gold\"}")
        @Size(max = Segments.MAX_ENTRIES) Map<@NotNull @Pattern(regexp = Segments.KEY, message = Segments.KEY_MESSAGE) String,
                @NotNull @Size(max = Segments.MAX_VALUE) String> segments) {
}
