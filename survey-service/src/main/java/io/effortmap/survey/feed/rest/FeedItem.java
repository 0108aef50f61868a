package io.effortmap.survey.feed.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One response in the change feed, exactly as docs/service-contracts.md fixes it. */
public record FeedItem(
        String position,
        UUID id,
        String workspace,
        UUID surveyId,
        String journeyId,
        String touchpointId,
        String channel,
        String customerId,
        Map<String, String> segments,
        Instant occurredAt,
        Instant receivedAt,
        List<FeedAnswer> answers) {
}
