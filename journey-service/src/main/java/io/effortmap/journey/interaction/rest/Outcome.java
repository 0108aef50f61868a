package io.effortmap.journey.interaction.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How an interaction ended. Lowercase on the wire and in storage. */
public enum Outcome {
    @JsonProperty("resolved") RESOLVED("resolved"),
    @JsonProperty("unresolved") UNRESOLVED("unresolved"),
    @JsonProperty("abandoned") ABANDONED("abandoned"),
    @JsonProperty("escalated") ESCALATED("escalated");

    private final String wire;

    Outcome(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** Null for a value this version does not know. */
    public static Outcome fromWire(String value) {
        for (Outcome o : values()) {
            if (o.wire.equals(value)) {
                return o;
            }
        }
        return null;
    }
}
