package io.effortmap.common.ids;

import io.effortmap.common.problem.ProblemException;
import java.util.regex.Pattern;

/**
 * The shapes of the ids the public API hands out, checked at the API boundary before an id reaches a query or
 * another service's URL: a string of any other shape cannot name anything ({@code ..}, {@code .}, {@code a/b}), so it
 * is refused without asking anyone. A malformed id in a path answers 404 (nothing can live there), one in a body or
 * query 400; both name the field.
 */
public enum IdShape {

    JOURNEY("journey", "jr_"),
    STAGE("stage", "st_"),
    TOUCHPOINT("touchpoint", "tp_"),
    PERSONA("persona", "pe_"),
    SURVEY("survey", null),
    RESPONSE("response", null);

    /** The shapes as Bean Validation {@code @Pattern}s (compile-time constants) with their messages. */
    public static final class Regex {
        public static final String JOURNEY = "^jr_[A-Za-z0-9_-]{12,16}$";
        public static final String STAGE = "^st_[A-Za-z0-9_-]{12,16}$";
        public static final String TOUCHPOINT = "^tp_[A-Za-z0-9_-]{12,16}$";
        public static final String OPPORTUNITY = "^op_[A-Za-z0-9_-]{12,16}$";
        public static final String PERSONA = "^pe_[A-Za-z0-9_-]{12,16}$";
        public static final String JOURNEY_MESSAGE = "must be a journey id (jr_ followed by 12 to 16 letters, digits, '_' or '-')";
        public static final String STAGE_MESSAGE = "must be a stage id (st_ followed by 12 to 16 letters, digits, '_' or '-')";
        public static final String TOUCHPOINT_MESSAGE = "must be a touchpoint id (tp_ followed by 12 to 16 letters, digits, '_' or '-')";
        public static final String OPPORTUNITY_MESSAGE = "must be an opportunity id (op_ followed by 12 to 16 letters, digits, '_' or '-')";
        public static final String PERSONA_MESSAGE = "must be a persona id (pe_ followed by 12 to 16 letters, digits, '_' or '-')";

        private Regex() {
        }
    }

    /** journey-service: a type prefix and 12 to 16 url-safe characters ({@code tp_8Hn2Lq0xWc4R}). */
    private static final Pattern PREFIXED = Pattern.compile("^[a-z]{2}_[A-Za-z0-9_-]{12,16}$");
    /** survey-service: canonical 8-4-4-4-12 UUIDs. */
    private static final Pattern UUID_TEXT =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private final String kind;
    private final String prefix;

    IdShape(String kind, String prefix) {
        this.kind = kind;
        this.prefix = prefix;
    }

    public boolean matches(String id) {
        if (id == null) {
            return false;
        }
        return prefix == null ? UUID_TEXT.matcher(id).matches() : id.startsWith(prefix) && PREFIXED.matcher(id).matches();
    }

    /** What a well-formed id looks like, for error messages. */
    public String expectation() {
        return prefix == null ? "must be a " + kind + " id (a UUID)"
                : "must be a " + kind + " id (" + prefix
                        + " followed by 12 to 16 letters, digits, '_' or '-')";
    }

    /** 400 naming {@code field} unless {@code id} has this shape (null passes: presence is checked elsewhere). */
    public void requireInBody(String field, String id) {
        if (id != null && !matches(id)) {
            throw ProblemException.badRequest(field, expectation());
        }
    }

    /** The 404 for a path id of another shape: nothing can exist at such a path. */
    public ProblemException notFoundInPath(String parameter) {
        return ProblemException.notFound("No " + kind + " with that id", parameter, expectation());
    }

    /** Checks a path id; answers the id for chaining. */
    public String requireInPath(String parameter, String id) {
        if (!matches(id)) {
            throw notFoundInPath(parameter);
        }
        return id;
    }
}
