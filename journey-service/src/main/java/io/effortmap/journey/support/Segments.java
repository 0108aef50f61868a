package io.effortmap.journey.support;

/** Segment attributes ({@code {"region": "EU"}}) of interactions and personas. */
public final class Segments {

    /** Keys become field names in stored documents, so they are plain identifiers: never {@code $…} or dotted. */
    public static final String KEY = "^[A-Za-z][A-Za-z0-9_-]{0,63}$";
    public static final String KEY_MESSAGE = "must start with a letter and hold at most 64 letters, digits, '_' or '-'";
    public static final int MAX_ENTRIES = 10;
    public static final int MAX_VALUE = 200;

    private Segments() {
    }
}
