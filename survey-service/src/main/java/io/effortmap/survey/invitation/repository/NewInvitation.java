package io.effortmap.survey.invitation.repository;

import java.time.Instant;
import java.util.UUID;

/** A validated invitation ready to insert; {@code tokenHash} is the SHA-256 of the token handed out once. */
public record NewInvitation(UUID id, String workspace, UUID surveyId, String customerId, String interactionId,
        String source, String externalId, byte[] tokenHash, Instant createdAt, Instant expiresAt) {
}
