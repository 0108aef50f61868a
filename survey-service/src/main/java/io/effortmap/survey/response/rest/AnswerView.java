package io.effortmap.survey.response.rest;

import io.effortmap.survey.survey.model.QuestionKind;
import io.effortmap.survey.survey.model.Scoring;

/** A stored answer, carrying the question's scale and scoring as they were when it was given. */
public record AnswerView(String questionKey, QuestionKind kind, Integer scaleMin, Integer scaleMax, Scoring scoring,
        Integer score, String text) {
}
