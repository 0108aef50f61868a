package io.effortmap.survey.response.rest;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /api/v1/responses/bulk}. */
public record BulkRequest(@Schema(required = true, minItems = 1, maxItems = 1000) List<BulkItemRequest> items) {
}
