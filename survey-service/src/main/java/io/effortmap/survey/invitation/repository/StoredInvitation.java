package io.effortmap.survey.invitation.repository;

import java.time.Instant;
import java.util.UUID;

/** An invitation as stored (never with its token, which is not stored). */
public record StoredInvitation(UUID id, String workspace, UUID surveyId, String touchpointId, String customerId,
        String interactionId, String externalId, Instant createdAt, Instant expiresAt, Instant usedAt) {
}
