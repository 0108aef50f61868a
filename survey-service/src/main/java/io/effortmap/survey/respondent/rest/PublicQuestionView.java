package io.effortmap.survey.respondent.rest;

import io.effortmap.survey.survey.model.QuestionKind;
import io.effortmap.survey.survey.model.QuestionVariant;

/** A question as the respondent's page renders it; {@code key} is what an answer refers to. */
public record PublicQuestionView(String key, QuestionKind kind, QuestionVariant variant, String text, boolean required,
        Integer scaleMin, Integer scaleMax, Integer maxLength) {
}
