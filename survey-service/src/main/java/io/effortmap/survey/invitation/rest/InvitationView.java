package io.effortmap.survey.invitation.rest;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An invitation. {@code token} and {@code link} are present only in the answer that created it: the service keeps
 * nothing but the token's hash, so a replay (same externalId) answers them as null.
 */
public record InvitationView(
        UUID id,
        UUID surveyId,
        String touchpointId,
        String customerId,
        @Schema(nullable = true) String interactionId,
        @Schema(nullable = true) String externalId,
        Instant createdAt,
        Instant expiresAt,
        @Schema(nullable = true, description = "Shown once; 256 random bits, url-safe base64") String token,
        @Schema(nullable = true, description = "Shown once: {PUBLIC_SURVEY_BASE_URL}/s/{token}") String link) {
}
