package io.effortmap.metrics.feed.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One page of journey-service's interaction feed (see journey-service/README.md); a tolerant reader. {@code next} is
 * always present and may advance while {@code items} is empty (positions holding no interaction were passed).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InteractionFeedPage(List<InteractionEvent> items, String next) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record InteractionEvent(String position, String id, String workspace, String customerId, String journeyId,
            String touchpointId, String stageId, String channel, Instant occurredAt, String outcome,
            Integer durationSeconds, Map<String, String> segments, Instant receivedAt) {
    }
}
