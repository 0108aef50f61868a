package io.effortmap.survey.response.rest;

import io.effortmap.survey.response.service.ResponseInput;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /api/v1/responses}: one customer's answers to one ACTIVE survey. */
public record SubmitResponseRequest(
        @Schema(required = true, format = "uuid") String surveyId,
        @Schema(required = true, maxLength = 200) String customerId,
        @Schema(required = true, enumeration = {"web", "mobile_app", "email", "phone", "chat", "store", "social", "other"})
        String channel,
        @Schema(required = true, format = "date-time", description = "ISO-8601 with offset; not before 2000, at most 5 minutes ahead")
        String occurredAt,
        @Schema(nullable = true, maxLength = 200, description = "CRM interaction this response follows") String interactionId,
        @Schema(nullable = true, description = "Up to 10 string pairs, e.g. {\"region\": \"EU\"}") Map<String, String> segments,
        @Schema(required = true, minItems = 1, maxItems = 20) List<AnswerRequest> answers) implements ResponseInput {
}
