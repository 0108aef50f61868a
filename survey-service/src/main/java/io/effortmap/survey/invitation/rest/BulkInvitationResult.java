package io.effortmap.survey.invitation.rest;

import io.effortmap.common.problem.Problem;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Result of the item at {@code index}: the invitation unless rejected, the errors if rejected. */
public record BulkInvitationResult(
        int index,
        @Schema(nullable = true) String externalId,
        InvitationItemStatus status,
        @Schema(nullable = true) InvitationView invitation,
        List<Problem.FieldError> errors) {
}
