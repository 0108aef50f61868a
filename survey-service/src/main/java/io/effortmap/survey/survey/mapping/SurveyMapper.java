package io.effortmap.survey.survey.mapping;

import io.effortmap.survey.survey.model.SurveyStatus;
import io.effortmap.survey.survey.repository.SurveyEntity;
import io.effortmap.survey.survey.repository.SurveyQuestion;
import io.effortmap.survey.survey.rest.QuestionView;
import io.effortmap.survey.survey.rest.SurveyView;
import io.effortmap.survey.survey.service.NewSurvey;
import io.effortmap.survey.survey.service.SurveySnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Entity, view and snapshot conversions. */
public final class SurveyMapper {

    private SurveyMapper() {
    }

    public static SurveyEntity toEntity(UUID id, String workspace, NewSurvey survey, Instant now) {
        SurveyEntity entity = new SurveyEntity();
        entity.id = id;
        entity.workspace = workspace;
        entity.status = SurveyStatus.DRAFT;
        entity.createdAt = now;
        entity.updatedAt = now;
        apply(entity, survey);
        return entity;
    }

    /**
     * Overwrites a DRAFT's editable fields. The question list is replaced by a new instance, so Hibernate deletes the
     * old rows before inserting the new ones (updating rows in place could trip the unique key when keys move).
     */
    public static void apply(SurveyEntity entity, NewSurvey survey) {
        entity.name = survey.name();
        entity.journeyId = survey.journeyId();
        entity.touchpointId = survey.touchpointId();
        entity.companyName = survey.companyName();
        entity.language = survey.language();
        List<SurveyQuestion> questions = new ArrayList<>();
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
            questions.add(question);
        }
        entity.questions = questions;
    }

    /** A new DRAFT with the same touchpoint and questions, linked to the survey it was copied from. */
    public static SurveyEntity newVersion(UUID id, SurveyEntity from, Instant now) {
        SurveyEntity entity = new SurveyEntity();
        entity.id = id;
        entity.workspace = from.workspace;
        entity.name = from.name;
        entity.journeyId = from.journeyId;
        entity.touchpointId = from.touchpointId;
        entity.companyName = from.companyName;
        entity.language = from.language;
        entity.status = SurveyStatus.DRAFT;
        entity.createdAt = now;
        entity.updatedAt = now;
        entity.previousVersionId = from.id;
        for (SurveyQuestion q : from.questions) {
            SurveyQuestion copy = new SurveyQuestion();
            copy.key = q.key;
            copy.kind = q.kind;
            copy.variant = q.variant;
            copy.text = q.text;
            copy.required = q.required;
            copy.scaleMin = q.scaleMin;
            copy.scaleMax = q.scaleMax;
            copy.maxLength = q.maxLength;
            copy.scoring = q.scoring;
            entity.questions.add(copy);
        }
        return entity;
    }

    public static SurveyView toView(SurveyEntity s) {
        return new SurveyView(s.id, s.name, s.journeyId, s.touchpointId, s.companyName, s.language, s.status, s.version,
                s.createdAt, s.updatedAt, s.activatedAt, s.closedAt, s.previousVersionId, s.questions.stream()
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
