package io.effortmap.survey.invitation.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Outcome of one bulk invitation, lowercase on the wire. */
public enum InvitationItemStatus {
    /** Created by this request; the result carries the token and link. */
    @JsonProperty("created") CREATED,
    /** Already created with this externalId and the same survey, customer and interaction; no token. */
    @JsonProperty("duplicate") DUPLICATE,
    /** Not created; {@code errors} says why. */
    @JsonProperty("rejected") REJECTED
}
