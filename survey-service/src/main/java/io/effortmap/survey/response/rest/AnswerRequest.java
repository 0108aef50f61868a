package io.effortmap.survey.response.rest;

import io.effortmap.survey.response.service.ResponseInput;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One answer: a whole-number {@code score} for CES/CSAT/NPS questions, {@code text} for COMMENT questions. */
public record AnswerRequest(
        @Schema(required = true) String questionKey,
        @Schema(nullable = true, description = "Within the question's scale; absent for COMMENT") Integer score,
        @Schema(nullable = true, description = "Required for COMMENT (up to its maxLength); optional verbatim (up to 2000) otherwise")
        String text) implements ResponseInput.AnswerInput {
}
