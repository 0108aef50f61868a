package io.effortmap.journey.version.rest;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What changed from version {@code from} to version {@code to}, matched by stable id. A stage is moved when its order
 * relative to the stages present in both versions changed; a touchpoint is moved when its stage changed or its order
 * relative to the touchpoints that stayed in that stage changed. Inserting or removing neighbours alone is no move.
 */
@Schema(name = "JourneyVersionDiff")
public record JourneyVersionDiff(int from, int to, Changes stages, Changes touchpoints) {

    @Schema(name = "JourneyVersionChanges")
    public record Changes(List<Item> added, List<Item> removed, List<Item> moved, List<Renamed> renamed) {
    }

    /** A stage or touchpoint; stage fields are set for touchpoints only, indexes are positions in their list. */
    @Schema(name = "JourneyVersionChangedItem")
    public record Item(String id, String name, @Schema(nullable = true) String fromStageId,
            @Schema(nullable = true) String toStageId, @Schema(nullable = true) Integer fromIndex,
            @Schema(nullable = true) Integer toIndex) {
    }

    @Schema(name = "JourneyVersionRenamedItem")
    public record Renamed(String id, String fromName, String toName) {
    }
}
