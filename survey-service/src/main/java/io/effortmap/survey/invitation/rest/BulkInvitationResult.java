package io.effortmap.survey.invitation.rest;

import io.effortmap.common.problem.Problem;
import java.util.List;

/** Result of the item at {@code index}: the invitation unless rejected, the errors if rejected. */
public record BulkInvitationResult(int index, String externalId, InvitationItemStatus status,
        InvitationView invitation, List<Problem.FieldError> errors) {
}
