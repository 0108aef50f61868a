package io.effortmap.survey.response.service;

import io.effortmap.survey.survey.model.QuestionKind;
import io.effortmap.survey.survey.model.Scoring;
import io.effortmap.survey.survey.service.SurveySnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.UUID;

/** A validated response ready to insert, with each answer resolved against its survey question. */
public record NewResponse(UUID id, String workspace, String source, String idempotencyKey, String requestHash,
        UUID surveyId, String journeyId, String touchpointId, String customerId, String channel, Instant occurredAt,
        String interactionId, SortedMap<String, String> segments, List<Answer> answers) {

    public record Answer(int position, String questionKey, QuestionKind kind, Integer scaleMin, Integer scaleMax,
            Scoring scoring, Integer score, String text) {
    }

    /** Answers take the position of their question in the survey, so every reader sees the survey's order. */
    public static NewResponse of(UUID id, String workspace, String source, String idempotencyKey, String requestHash,
            ParsedResponse parsed, SurveySnapshot survey) {
        List<Answer> answers = new ArrayList<>();
        for (ParsedResponse.Answer a : parsed.answers()) {
            SurveySnapshot.Question q = survey.question(a.questionKey());
            answers.add(new Answer(survey.questions().indexOf(q), q.key(), q.kind(), q.scaleMin(), q.scaleMax(),
                    q.scoring(), a.score(), a.text()));
        }
        answers.sort(Comparator.comparingInt(Answer::position));
        return new NewResponse(id, workspace, source, idempotencyKey, requestHash, survey.id(), survey.journeyId(),
                survey.touchpointId(), parsed.customerId(), parsed.channel(), parsed.occurredAt(),
                parsed.interactionId(), parsed.segments(), List.copyOf(answers));
    }
}
