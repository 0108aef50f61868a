package io.effortmap.survey.survey.service;

import io.effortmap.survey.survey.model.QuestionKind;
import io.effortmap.survey.survey.model.Scoring;
import io.effortmap.survey.survey.model.SurveyStatus;
import java.util.List;
import java.util.UUID;

/** What the response feature needs of a survey: immutable, detached from any Hibernate session. */
public record SurveySnapshot(UUID id, String workspace, SurveyStatus status, String journeyId, String touchpointId,
        List<Question> questions) {

    public record Question(String key, QuestionKind kind, boolean required, Integer scaleMin, Integer scaleMax,
            Integer maxLength, Scoring scoring) {

        public boolean scored() {
            return scaleMin != null;
        }
    }

    public Question question(String key) {
        for (Question q : questions) {
            if (q.key().equals(key)) {
                return q;
            }
        }
        return null;
    }
}
