package io.effortmap.journey.journey.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Pattern;
import io.effortmap.common.ids.IdShape;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of the {@code …/move} operations. {@code index} is the position the item takes in its (target) list after the
 * move, 0-based. {@code stageId} moves a touchpoint to another stage; it is not allowed when moving a stage.
 */
@Schema(name = "Move")
public record MoveRequest(
        @Schema(nullable = true, description = "Target stage of a touchpoint; omit to stay in the current stage")
        @Pattern(regexp = IdShape.Regex.STAGE, message = IdShape.Regex.STAGE_MESSAGE) String stageId,
        @NotNull @PositiveOrZero Integer index) {
}
