package io.effortmap.survey.invitation.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /api/v1/invitations}, and each item of the bulk variant. */
@Schema(description = "A single-use link for one customer to answer one ACTIVE survey")
public record InvitationRequest(
        @Schema(required = true, format = "uuid") String surveyId,
        @Schema(required = true, maxLength = 200) String customerId,
        @Schema(nullable = true, maxLength = 200, description = "CRM interaction the survey follows; recorded on the response") String interactionId,
        @Schema(nullable = true, maxLength = 200, description = "Caller's id; a repeat answers the stored invitation (without its token)")
        String externalId,
        @Schema(nullable = true, minimum = "1", maximum = "90", description = "Lifetime in days; default 14, at most the configured maximum (90)")
        Integer expiresInDays) {
}
