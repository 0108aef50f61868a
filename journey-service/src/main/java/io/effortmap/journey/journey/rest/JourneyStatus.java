package io.effortmap.journey.journey.rest;

/** Lifecycle of a journey map; every journey starts as DRAFT. */
public enum JourneyStatus {
    DRAFT, PUBLISHED, ARCHIVED;

    public static JourneyStatus fromStored(String value) {
        for (JourneyStatus s : values()) {
            if (s.name().equals(value)) {
                return s;
            }
        }
        return DRAFT;
    }
}
