package io.effortmap.common.rest;

import io.effortmap.common.problem.ProblemException;
import io.effortmap.common.problem.Problem;
import jakarta.ws.rs.core.EntityTag;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code If-Match} precondition of writes, one rule for the whole API. Every write to an existing object must name
 * the version it was based on, so an update made from a stale read can never silently overwrite someone else's change
 * (lost update): missing answers 428, anything but one of our ETags ({@code "3"} or {@code W/"3"}; also {@code *} and
 * lists) 400, a version that is no longer current 412. Documented in docs/api-conventions.md.
 */
public final class IfMatch {

    public static final String HEADER = "If-Match";
    private static final Pattern ETAG = Pattern.compile("^\\s*(?:W/)?\"([0-9]{1,18})\"\\s*$");

    private IfMatch() {
    }

    /** The version named by the header; 428 when it is missing, 400 when it is not one of our ETags. */
    public static long version(String header) {
        if (header == null || header.isBlank()) {
            throw new ProblemException(428, "Precondition Required",
                    "Send If-Match with the ETag of your last read, e.g. If-Match: \"3\"",
                    List.of(new Problem.FieldError(HEADER, "is required")), null);
        }
        Matcher m = ETAG.matcher(header);
        if (!m.matches()) {
            throw ProblemException.invalid(400, "Bad Request",
                    List.of(new Problem.FieldError(HEADER, "must be a single ETag as returned by this service, e.g. \"3\"")));
        }
        return Long.parseLong(m.group(1));
    }

    public static ProblemException stale(String what) {
        return ProblemException.preconditionFailed(
                what + " was changed since you read it; read it again and reapply your change");
    }

    public static EntityTag etag(long version) {
        return new EntityTag(Long.toString(version));
    }
}
