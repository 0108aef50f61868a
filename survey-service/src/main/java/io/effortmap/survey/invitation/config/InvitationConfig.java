package io.effortmap.survey.invitation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Invitation links: how long they live and where respondents open them. */
@ConfigMapping(prefix = "effortmap.invitations")
public interface InvitationConfig {

    /** Lifetime of a link when the request gives none (env {@code INVITATION_DEFAULT_EXPIRY_DAYS}). */
    @WithDefault("14")
    int defaultExpiryDays();

    /** Longest lifetime a request may ask for (env {@code INVITATION_MAX_EXPIRY_DAYS}). */
    @WithDefault("90")
    int maxExpiryDays();

    /** Base of the public link {@code <base>/s/<token>} (env {@code PUBLIC_SURVEY_BASE_URL}). */
    @WithDefault("http://localhost:8080")
    String publicBaseUrl();
}
