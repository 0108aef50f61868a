package io.effortmap.survey.response.rest;

import io.effortmap.common.problem.Problem;
import java.util.List;
import java.util.UUID;

/** Result of the item at {@code index}; {@code id} is null when rejected, {@code errors} empty unless rejected. */
public record BulkItemResult(int index, String externalId, BulkItemStatus status, UUID id,
        List<Problem.FieldError> errors) {
}
