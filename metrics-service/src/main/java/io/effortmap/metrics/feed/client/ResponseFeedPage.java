package io.effortmap.metrics.feed.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One page of survey-service's response change feed (see docs/service-contracts.md); a tolerant reader. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResponseFeedPage(List<ResponseEvent> items, String next) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ResponseEvent(String position, String id, String workspace, String surveyId, String journeyId,
            String touchpointId, String channel, String customerId, Map<String, String> segments, Instant occurredAt,
            Instant receivedAt, List<Answer> answers) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Answer(String questionKey, String kind, Integer scaleMin, Integer scaleMax, String scoring, Integer score,
            String text) {
    }
}
