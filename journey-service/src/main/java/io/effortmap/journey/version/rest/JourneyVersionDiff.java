package io.effortmap.journey.version.rest;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What changed from version {@code from} to version {@code to}, matched by stable id. A stage is moved when its order
 * relative to the stages present in both versions changed; a touchpoint is moved when its stage changed or its order
 * relative to the touchpoints that stayed in that stage changed. Inserting or removing neighbours alone is no move.
 * {@code changed} lists the objects present in both versions whose content changed, field by field; {@code journey}
 * does the same for the journey's own fields.
 */
@Schema(name = "JourneyVersionDiff")
public record JourneyVersionDiff(int from, int to, Changes stages, Changes touchpoints,
        @Schema(description = "Changes of the journey's name, description, owner and personaIds") List<FieldChange> journey) {

    @Schema(name = "JourneyVersionChanges")
    public record Changes(List<Item> added, List<Item> removed, List<Item> moved, List<Renamed> renamed,
            @Schema(description = "Objects in both versions whose content changed (names are in renamed)") List<Changed> changed) {
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

    /** A stage or touchpoint whose content changed; {@code stageId} is the touchpoint's stage in version {@code to}. */
    @Schema(name = "JourneyVersionContentChange")
    public record Changed(String id, String name, @Schema(nullable = true) String stageId, List<FieldChange> changes) {
    }

    /**
     * One changed field with its values in both versions (null where absent). Touchpoint fields: {@code description},
     * {@code channel}, {@code ownerTeam}, {@code expectedEmotion}, {@code painPoints} (with {@code added} and
     * {@code removed} entries), {@code targets.CES_AGREEMENT}, {@code targets.CES_EFFORT}, {@code targets.CSATShare}, {@code targets.NPS}, and
     * {@code opportunities.<id>} for an opportunity added (from null), removed (to null) or edited (text, owner,
     * status).
     */
    @Schema(name = "JourneyVersionFieldChange")
    public record FieldChange(String field,
            @Schema(nullable = true, description = "Value in version from (a string, number, list or object)") Object from,
            @Schema(nullable = true, description = "Value in version to") Object to,
            @Schema(nullable = true, description = "List fields only: entries only in version to") List<String> added,
            @Schema(nullable = true, description = "List fields only: entries only in version from") List<String> removed) {

        public static FieldChange of(String field, Object from, Object to) {
            return new FieldChange(field, from, to, null, null);
        }
    }
}
