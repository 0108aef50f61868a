package io.effortmap.journey.journey.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a touchpoint or interaction happens. Lowercase on the wire and in storage. */
public enum Channel {
    @JsonProperty("web") WEB("web"),
    @JsonProperty("mobile_app") MOBILE_APP("mobile_app"),
    @JsonProperty("email") EMAIL("email"),
    @JsonProperty("phone") PHONE("phone"),
    @JsonProperty("chat") CHAT("chat"),
    @JsonProperty("store") STORE("store"),
    @JsonProperty("social") SOCIAL("social"),
    @JsonProperty("other") OTHER("other");

    private final String wire;

    Channel(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The stored value back to the enum; an unknown stored value (written by a newer version) reads as OTHER. */
    public static Channel fromWire(String value) {
        for (Channel c : values()) {
            if (c.wire.equals(value)) {
                return c;
            }
        }
        return OTHER;
    }
}
