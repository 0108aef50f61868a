package io.effortmap.survey.invitation.rest;

import java.util.List;

/** Answer of {@code POST /api/v1/invitations/bulk}: counts, then one result per item in request order. */
public record BulkInvitationResponse(int created, int duplicates, int rejected, List<BulkInvitationResult> results) {
}
