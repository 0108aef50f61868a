package io.effortmap.survey.shared;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Parses ids taken from paths and bodies without ever letting a malformed one become a 500. */
public final class Ids {

    private static final Pattern UUID_TEXT =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private Ids() {
    }

    /** The UUID in canonical 8-4-4-4-12 form, or empty for anything else (UUID.fromString is too lenient). */
    public static Optional<UUID> parse(String text) {
        if (text == null || !UUID_TEXT.matcher(text).matches()) {
            return Optional.empty();
        }
        return Optional.of(UUID.fromString(text));
    }
}
