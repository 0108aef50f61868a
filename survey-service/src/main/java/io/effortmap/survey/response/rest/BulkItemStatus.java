package io.effortmap.survey.response.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Outcome of one bulk item, lowercase on the wire. */
public enum BulkItemStatus {
    /** Stored by this request. */
    @JsonProperty("accepted") ACCEPTED,
    /** Already stored (same externalId and same content); {@code id} is the stored response. */
    @JsonProperty("duplicate") DUPLICATE,
    /** Not stored; {@code errors} says why. */
    @JsonProperty("rejected") REJECTED
}
