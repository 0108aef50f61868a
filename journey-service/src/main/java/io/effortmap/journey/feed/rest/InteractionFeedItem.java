package io.effortmap.journey.feed.rest;

import io.effortmap.journey.interaction.rest.Outcome;
import io.effortmap.journey.journey.rest.Channel;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One accepted interaction in the change feed. */
@Schema(name = "InteractionFeedItem")
public record InteractionFeedItem(
        @Schema(description = "19-digit position; positions compare lexicographically in feed order") String position,
        String id,
        String workspace,
        @Schema(description = "Client id (azp) that pushed the interaction") String source,
        String externalId,
        String customerId,
        String journeyId,
        String touchpointId,
        @Schema(description = "Stage of the touchpoint when the interaction was accepted") String stageId,
        Channel channel,
        Instant occurredAt,
        Instant receivedAt,
        Outcome outcome,
        @Schema(nullable = true) Long durationSeconds,
        Map<String, String> segments) {
}
