package io.effortmap.survey.survey.rest;

import io.effortmap.survey.survey.model.SurveyStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A survey as every survey endpoint answers it. {@code version} is also sent as the {@code ETag}. */
public record SurveyView(
        UUID id,
        String name,
        String journeyId,
        String touchpointId,
        @Schema(nullable = true) String companyName,
        @Schema(nullable = true, description = "The questions' language; null when not set") String language,
        SurveyStatus status,
        int version,
        Instant createdAt,
        Instant updatedAt,
        @Schema(nullable = true) Instant activatedAt,
        @Schema(nullable = true) Instant closedAt,
        @Schema(nullable = true) UUID previousVersionId,
        List<QuestionView> questions) {
}
