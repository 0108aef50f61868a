package io.effortmap.journey.interaction.rest;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Answer of {@code POST /api/v1/interactions}: counts and one result per pushed item, in the pushed order. */
@Schema(name = "InteractionIngestResult")
public record IngestResult(int accepted, int duplicates, int rejected, List<ItemResult> results) {
}
