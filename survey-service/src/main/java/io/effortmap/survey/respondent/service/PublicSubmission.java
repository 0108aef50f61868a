package io.effortmap.survey.respondent.service;

import io.effortmap.survey.response.rest.AnswerRequest;
import io.effortmap.survey.response.service.ResponseInput;
import java.util.List;
import java.util.Map;

/** A respondent's answers completed from the invitation, in the shape the response validator checks. */
record PublicSubmission(String surveyId, String customerId, String channel, String occurredAt, String interactionId,
        Map<String, String> segments, List<AnswerRequest> answers) implements ResponseInput {
}
