package io.effortmap.survey.response.rest;

import java.util.List;

/** Answer of {@code POST /api/v1/responses/bulk}: counts, then one result per item in request order. */
public record BulkResponse(int accepted, int duplicates, int rejected, List<BulkItemResult> results) {
}
