package io.effortmap.survey.response.rest;

import io.effortmap.common.problem.Problem;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Result of the item at {@code index}; {@code id} is null when rejected, {@code errors} empty unless rejected. */
public record BulkItemResult(
        int index,
        @Schema(nullable = true) String externalId,
        BulkItemStatus status,
        @Schema(nullable = true) UUID id,
        List<Problem.FieldError> errors) {
}
