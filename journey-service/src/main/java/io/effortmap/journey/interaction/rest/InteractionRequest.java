package io.effortmap.journey.interaction.rest;

import io.effortmap.common.ids.IdShape;
import io.effortmap.journey.journey.rest.Channel;
import io.effortmap.journey.support.Segments;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One item of {@code POST /api/v1/interactions}. Each item is read and validated on its own. */
@Schema(name = "Interaction")
public record InteractionRequest(
        @Schema(description = "The CRM's id; (workspace, source client, externalId) is the idempotency key")
        @NotBlank @Size(max = 200) String externalId,
        @NotBlank @Size(max = 200) String customerId,
        @NotBlank @Pattern(regexp = IdShape.Regex.JOURNEY, message = IdShape.Regex.JOURNEY_MESSAGE) String journeyId,
        @NotBlank @Pattern(regexp = IdShape.Regex.TOUCHPOINT, message = IdShape.Regex.TOUCHPOINT_MESSAGE) String touchpointId,
        @Schema(description = "Defaults to the touchpoint's channel") Channel channel,
        @Schema(description = "ISO-8601 instant, e.g. 2026-11-01T10:00:00Z") @NotNull Instant occurredAt,
        @NotNull Outcome outcome,
        @Schema(nullable = true) @PositiveOrZero @Max(MAX_DURATION_SECONDS) Long durationSeconds,
        @Schema(nullable = true, description = "Up to 10 segment attributes, e.g. {\"region\": \"EU\"}")
        @Size(max = Segments.MAX_ENTRIES) Map<@NotNull @Pattern(regexp = Segments.KEY, message = Segments.KEY_MESSAGE) String,
                @NotNull @Size(max = Segments.MAX_VALUE) String> segments) {

    public static final long MAX_DURATION_SECONDS = 30L * 24 * 3600;
}
