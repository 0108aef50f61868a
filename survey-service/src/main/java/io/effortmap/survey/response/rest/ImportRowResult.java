package io.effortmap.survey.response.rest;

import io.effortmap.common.problem.Problem;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Result of one data row of an imported file: {@code row} is its number in the file (the header is row 1);
 * {@code externalId} the export's own id of the response, when the file has one.
 */
public record ImportRowResult(
        int row,
        @Schema(nullable = true) String externalId,
        BulkItemStatus status,
        @Schema(nullable = true) UUID id,
        List<Problem.FieldError> errors) {
}
