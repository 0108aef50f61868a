package io.effortmap.survey.survey.rest;

import io.effortmap.survey.survey.model.QuestionKind;
import io.effortmap.survey.survey.model.QuestionVariant;
import io.effortmap.survey.survey.model.Scoring;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A stored question. Scale fields are null for COMMENT; {@code maxLength} is null for scored kinds. */
public record QuestionView(
        String key,
        QuestionKind kind,
        @Schema(nullable = true) QuestionVariant variant,
        String text,
        boolean required,
        @Schema(nullable = true) Integer scaleMin,
        @Schema(nullable = true) Integer scaleMax,
        @Schema(nullable = true) Integer maxLength,
        Scoring scoring) {
}
