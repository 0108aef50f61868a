package io.effortmap.journey.interaction.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.effortmap.common.problem.Problem;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Result of one pushed item. {@code id} is the stored interaction (for a duplicate: the one stored earlier), null when
 * rejected; {@code errors} name the item's offending fields relative to the item ({@code touchpointId}).
 */
@Schema(name = "InteractionItemResult")
public record ItemResult(int index, @Schema(nullable = true) String externalId, Status status,
        @Schema(nullable = true) String id, List<Problem.FieldError> errors) {

    @Schema(name = "InteractionItemStatus")
    public enum Status {
        @JsonProperty("accepted") ACCEPTED,
        @JsonProperty("duplicate") DUPLICATE,
        @JsonProperty("rejected") REJECTED
    }

    public static ItemResult accepted(int index, String externalId, String id) {
        return new ItemResult(index, externalId, Status.ACCEPTED, id, List.of());
    }

    public static ItemResult duplicate(int index, String externalId, String id) {
        return new ItemResult(index, externalId, Status.DUPLICATE, id, List.of());
    }

    public static ItemResult rejected(int index, String externalId, List<Problem.FieldError> errors) {
        return new ItemResult(index, externalId, Status.REJECTED, null, errors);
    }
}
