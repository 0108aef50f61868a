package io.effortmap.survey.survey.rest;

import io.effortmap.survey.survey.model.QuestionKind;
import io.effortmap.survey.survey.model.QuestionVariant;
import io.effortmap.survey.survey.model.Scoring;

/** A stored question. Scale fields are null for COMMENT; {@code maxLength} is null for scored kinds. */
public record QuestionView(
        String key,
        QuestionKind kind,
        QuestionVariant variant,
        String text,
        boolean required,
        Integer scaleMin,
        Integer scaleMax,
        Integer maxLength,
        Scoring scoring) {
}
