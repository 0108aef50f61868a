package io.effortmap.survey.respondent.rest;

import io.effortmap.survey.survey.model.QuestionKind;
import io.effortmap.survey.survey.model.QuestionVariant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A question as the respondent's page renders it; {@code key} is what an answer refers to. */
public record PublicQuestionView(
        String key,
        QuestionKind kind,
        @Schema(nullable = true) QuestionVariant variant,
        String text,
        boolean required,
        @Schema(nullable = true) Integer scaleMin,
        @Schema(nullable = true) Integer scaleMax,
        @Schema(nullable = true) Integer maxLength) {
}
