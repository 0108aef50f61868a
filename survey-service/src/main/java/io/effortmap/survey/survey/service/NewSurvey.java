package io.effortmap.survey.survey.service;

import io.effortmap.survey.survey.model.QuestionSpec;
import java.util.List;

/** A validated create request with every question resolved to its spec, wording and limits. */
public record NewSurvey(String name, String journeyId, String touchpointId, String companyName, String language,
        List<NewQuestion> questions) {

    public record NewQuestion(String key, QuestionSpec spec, String text, boolean required, Integer maxLength) {
    }
}
