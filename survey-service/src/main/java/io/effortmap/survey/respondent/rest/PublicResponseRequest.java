package io.effortmap.survey.respondent.rest;

import io.effortmap.survey.response.rest.AnswerRequest;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A respondent's answers. Customer, survey, touchpoint and interaction come from the invitation, never the body. */
public record PublicResponseRequest(
        @Schema(enumeration = {"web", "mobile_app", "email", "phone", "chat", "store", "social", "other"},
                description = "Default web") String channel,
        @Schema(required = true, minItems = 1, maxItems = 20) List<AnswerRequest> answers) {
}
