package io.effortmap.survey.response.rest;

import io.effortmap.survey.survey.model.QuestionKind;
import io.effortmap.survey.survey.model.Scoring;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A stored answer, carrying the question's scale and scoring as they were when it was given. */
public record AnswerView(
        String questionKey,
        QuestionKind kind,
        @Schema(nullable = true) Integer scaleMin,
        @Schema(nullable = true) Integer scaleMax,
        Scoring scoring,
        @Schema(nullable = true) Integer score,
        @Schema(nullable = true) String text) {
}
