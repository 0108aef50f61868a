package io.effortmap.survey.response.service;

import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import java.util.UUID;

/** A response whose fields passed the shape checks, normalised (instant in microseconds, segments sorted). */
public record ParsedResponse(UUID surveyId, String customerId, String channel, Instant occurredAt, String interactionId,
        SortedMap<String, String> segments, List<Answer> answers) {

    public record Answer(String questionKey, Integer score, String text) {
    }
}
