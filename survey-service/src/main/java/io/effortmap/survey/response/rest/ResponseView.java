package io.effortmap.survey.response.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A stored response, as {@code POST /responses} (201 or replayed 200) and {@code GET /responses/{id}} answer it. */
public record ResponseView(
        UUID id,
        UUID surveyId,
        String journeyId,
        String touchpointId,
        String customerId,
        String channel,
        @Schema(nullable = true) String interactionId,
        Map<String, String> segments,
        Instant occurredAt,
        Instant receivedAt,
        List<AnswerView> answers) {
}
