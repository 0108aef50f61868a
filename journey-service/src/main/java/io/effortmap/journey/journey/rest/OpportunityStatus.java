package io.effortmap.journey.journey.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Progress of an improvement opportunity. Lowercase on the wire and in storage. */
public enum OpportunityStatus {
    @JsonProperty("open") OPEN("open"),
    @JsonProperty("planned") PLANNED("planned"),
    @JsonProperty("in_progress") IN_PROGRESS("in_progress"),
    @JsonProperty("done") DONE("done"),
    @JsonProperty("dropped") DROPPED("dropped");

    private final String wire;

    OpportunityStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static OpportunityStatus fromWire(String value) {
        for (OpportunityStatus s : values()) {
            if (s.wire.equals(value)) {
                return s;
            }
        }
        return OPEN;
    }
}
