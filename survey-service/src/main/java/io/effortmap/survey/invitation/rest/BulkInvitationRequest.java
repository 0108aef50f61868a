package io.effortmap.survey.invitation.rest;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /api/v1/invitations/bulk}. */
public record BulkInvitationRequest(@Schema(required = true, minItems = 1, maxItems = 1000) List<InvitationRequest> items) {
}
