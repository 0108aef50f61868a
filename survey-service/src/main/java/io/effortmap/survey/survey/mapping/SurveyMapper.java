package io.effortmap.survey.survey.mapping;

import io.effortmap.survey.survey.model.SurveyStatus;
import io.effortmap.survey.survey.repository.SurveyEntity;
import io.effortmap.survey.survey.repository.SurveyQuestion;
import io.effortmap.survey.survey.rest.QuestionView;
import io.effortmap.survey.survey.rest.SurveyView;
import io.effortmap.survey.survey.service.NewSurvey;
import io.effortmap.survey.survey.service.SurveySnapshot;
import java.time.Instant;
import java.util.UUID;

/** Entity, view and snapshot conversions. */
public final class SurveyMapper {

    private SurveyMapper() {
    }

    public static SurveyEntity toEntity(UUID id, String workspace, NewSurvey survey, Instant now) {
        SurveyEntity entity = new SurveyEntity();
        entity.id = id;
        entity.workspace = workspace;
        entity.name = survey.name();
        entity.journeyId = survey.journeyId();
        entity.touchpointId = survey.touchpointId();
        entity.status = SurveyStatus.DRAFT;
        entity.createdAt = now;
        entity.updatedAt = now;
        for (NewSurvey.NewQuestion q : survey.questions()) {
            SurveyQuestion question = new SurveyQuestion();
            question.key = q.key();
            question.kind = q.spec().kind();
            question.variant = q.spec().variant();
            question.text = q.text();
            question.required = q.required();
            question.scaleMin = q.spec().scaleMin();
            question.scaleMax = q.spec().scaleMax();
            question.maxLength = q.maxLength();
            question.scoring = q.spec().scoring();
            entity.questions.add(question);
        }
        return entity;
    }

    public static SurveyView toView(SurveyEntity s) {
        return new SurveyView(s.id, s.name, s.journeyId, s.touchpointId, s.status, s.version, s.createdAt, s.updatedAt,
                s.activatedAt, s.questions.stream()
                        .map(q -> new QuestionView(q.key, q.kind, q.variant, q.text, q.required, q.scaleMin, q.scaleMax,
                                q.maxLength, q.scoring))
                        .toList());
    }

    public static SurveySnapshot toSnapshot(SurveyEntity s) {
        return new SurveySnapshot(s.id, s.workspace, s.status, s.journeyId, s.touchpointId, s.questions.stream()
                .map(q -> new SurveySnapshot.Question(q.key, q.kind, q.required, q.scaleMin, q.scaleMax, q.maxLength,
                        q.scoring))
                .toList());
    }
}
