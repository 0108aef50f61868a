package io.effortmap.survey.response.rest;

import java.util.List;

/** Answer of {@code POST /api/v1/responses/import}: counts, then one result per data row in file order. */
public record ImportResponse(int accepted, int duplicates, int rejected, List<ImportRowResult> results) {
}
