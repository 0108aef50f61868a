package io.effortmap.journey.interaction.rest;

import io.effortmap.journey.journey.rest.Channel;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One interaction of a customer with the names of its journey, touchpoint and stage. */
@Schema(name = "TimelineItem")
public record TimelineItem(
        String id,
        Instant occurredAt,
        String journeyId,
        String journeyName,
        String touchpointId,
        @Schema(nullable = true, description = "From the current journey, else from the latest published version holding the touchpoint; "
                + "null if neither has it") String touchpointName,
        String stageId,
        @Schema(nullable = true) String stageName,
        @Schema(description = "True when the touchpoint is no longer in the current journey") boolean touchpointRemoved,
        Channel channel,
        Outcome outcome,
        @Schema(nullable = true) Long durationSeconds,
        Map<String, String> segments) {
}
