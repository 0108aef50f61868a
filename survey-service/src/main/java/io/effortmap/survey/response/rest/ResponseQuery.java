package io.effortmap.survey.response.rest;

import io.effortmap.survey.response.service.ResponseFilter;
import io.effortmap.survey.shared.FieldErrors;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestQuery;

/** The filters shared by {@code GET /api/v1/responses} and its export, as raw strings (parsed into a 400 naming each). */
public class ResponseQuery {

    @RestQuery
    @Parameter(description = "Responses to this survey")
    String surveyId;

    @RestQuery
    @Parameter(description = "Responses at this touchpoint")
    String touchpointId;

    @RestQuery
    @Parameter(description = "occurredAt at or after this ISO-8601 instant")
    String from;

    @RestQuery
    @Parameter(description = "occurredAt before this ISO-8601 instant")
    String to;

    @RestQuery
    @Parameter(description = "With minScore/maxScore: an answer to this question in the range; alone: answered it")
    String questionKey;

    @RestQuery
    @Parameter(description = "Lowest score of questionKey (inclusive)")
    String minScore;

    @RestQuery
    @Parameter(description = "Highest score of questionKey (inclusive)")
    String maxScore;

    @RestQuery
    @Parameter(description = "true: some answer has a non-blank text; false: none has")
    String hasComment;

    @RestQuery
    @Parameter(description = "key:value, repeatable (all must match), e.g. region:EU")
    List<String> segment;

    public ResponseFilter filter() {
        FieldErrors errors = new FieldErrors();
        ResponseFilter filter = ResponseFilter.parse(surveyId, touchpointId, from, to, questionKey, minScore, maxScore,
                hasComment, segment, errors);
        errors.throwIfAnyBadRequest();
        return filter;
    }
}
