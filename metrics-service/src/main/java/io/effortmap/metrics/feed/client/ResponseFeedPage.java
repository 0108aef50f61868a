package io.effortmap.metrics.feed.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One page of survey-service's response change feed (see docs/service-contracts.md). */
public record ResponseFeedPage(List<ResponseEvent> items, String next) {

    public record ResponseEvent(String position, String id, String workspace, String surveyId, String journeyId,
            String touchpointId, String channel, String customerId, Map<String, String> segments, Instant occurredAt,
            Instant receivedAt, List<Answer> answers) {
    }

    public record Answer(String questionKey, String kind, int scaleMin, int scaleMax, String scoring, Integer score,
            String text) {
    }
}
