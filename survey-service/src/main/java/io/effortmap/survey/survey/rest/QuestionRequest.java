package io.effortmap.survey.survey.rest;

import io.effortmap.survey.survey.model.QuestionKind;
import io.effortmap.survey.survey.model.QuestionVariant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One question of {@link CreateSurveyRequest}; the server derives scale and scoring from kind and variant. */
public record QuestionRequest(
        @Schema(required = true, pattern = "^[a-z0-9_-]{1,40}$", description = "Unique within the survey") String key,
        @Schema(required = true) QuestionKind kind,
        @Schema(nullable = true, description = "CES: AGREEMENT_7 (default) or EFFORT_5; CSAT: FIVE (default) or SEVEN; none for NPS and COMMENT")
        QuestionVariant variant,
        @Schema(nullable = true, maxLength = 500, description = "Wording shown to customers; a standard wording when absent") String text,
        @Schema(nullable = true, description = "Default true for CES, CSAT and NPS, false for COMMENT") Boolean required,
        @Schema(nullable = true, minimum = "1", maximum = "5000", description = "COMMENT only; default 2000") Integer maxLength) {
}
