package io.effortmap.survey.response.rest;

import io.effortmap.survey.response.service.ResponseInput;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One item of {@code POST /api/v1/responses/bulk}: a response plus the caller's id for it (its idempotency key). */
public record BulkItemRequest(
        @Schema(required = true, maxLength = 200, description = "Caller's id; a repeat is reported as duplicate") String externalId,
        @Schema(required = true, format = "uuid") String surveyId,
        @Schema(required = true, maxLength = 200) String customerId,
        @Schema(required = true) String channel,
        @Schema(required = true, format = "date-time") String occurredAt,
        @Schema(nullable = true, maxLength = 200) String interactionId,
        @Schema(nullable = true) Map<String, String> segments,
        @Schema(required = true, minItems = 1, maxItems = 20) List<AnswerRequest> answers) implements ResponseInput {
}
