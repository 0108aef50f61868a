package io.effortmap.survey.survey.rest;

import io.effortmap.survey.survey.model.SurveyStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A survey as every survey endpoint answers it. {@code version} is also sent as the {@code ETag}. */
public record SurveyView(
        UUID id,
        String name,
        String journeyId,
        String touchpointId,
        String companyName,
        SurveyStatus status,
        int version,
        Instant createdAt,
        Instant updatedAt,
        Instant activatedAt,
        Instant closedAt,
        UUID previousVersionId,
        List<QuestionView> questions) {
}
