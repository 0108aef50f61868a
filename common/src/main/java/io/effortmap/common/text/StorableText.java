package io.effortmap.common.text;

/**
 * The text every Effortmap store holds as sent: any Unicode text except control characters (tab, line feed and
 * carriage return excepted) and unpaired surrogates. PostgreSQL refuses U+0000 outright and both stores would turn a
 * lone surrogate into {@code ?}; other control characters are refused too, because they are never meant as content
 * and only serve to forge log lines or terminal output. Checked once at the API boundary (JSON strings, query and path
 * parameters), so no service needs per-field code and nothing half-written reaches a store.
 */
public final class StorableText {

    public static final String RULE = "must not contain control characters (other than tab and line breaks) or unpaired surrogates";

    private StorableText() {
    }

    /** Null when {@code text} can be stored as sent, else what is wrong with it (naming the first offending character). */
    public static String problem(String text) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20) {
                if (c != '\t' && c != '\n' && c != '\r') {
                    return describe(c);
                }
            } else if (c >= 0x7f && c <= 0x9f) {
                return describe(c);
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return "must not contain an unpaired surrogate (U+" + hex(c) + ")";
                }
            } else if (Character.isLowSurrogate(c)) {
                return "must not contain an unpaired surrogate (U+" + hex(c) + ")";
            }
        }
        return null;
    }

    public static boolean isStorable(String text) {
        return problem(text) == null;
    }

    private static String describe(char c) {
        return "must not contain control characters such as U+" + hex(c) + " (tab and line breaks are allowed)";
    }

    private static String hex(char c) {
        return String.format("%04X", (int) c);
    }
}
