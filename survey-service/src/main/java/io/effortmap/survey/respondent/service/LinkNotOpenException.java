package io.effortmap.survey.respondent.service;

import io.effortmap.common.problem.Problem;
import io.effortmap.common.problem.ProblemException;
import java.util.List;

/**
 * An invitation link that cannot be answered now, with the reason, so that the JSON API answers its problem and the
 * respondent's page shows the matching sentence in the respondent's language.
 */
public final class LinkNotOpenException extends ProblemException {

    /** Why the link cannot be answered. */
    public enum Reason {
        UNKNOWN, ANSWERED, EXPIRED, SURVEY_CLOSED, SURVEY_NOT_OPEN
    }

    private final Reason reason;

    private LinkNotOpenException(Reason reason, int status, String title, String detail,
            List<Problem.FieldError> errors) {
        super(status, title, detail, errors, null);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    static LinkNotOpenException unknown() {
        return new LinkNotOpenException(Reason.UNKNOWN, 404, "Not Found", "No survey for this link", null);
    }

    static LinkNotOpenException malformed() {
        return new LinkNotOpenException(Reason.UNKNOWN, 404, "Not Found", "No survey for this link",
                List.of(new Problem.FieldError("token", "must be an invitation token (43 letters, digits, '_' or '-')")));
    }

    static LinkNotOpenException answered() {
        return new LinkNotOpenException(Reason.ANSWERED, 409, "Conflict", "This survey has already been answered", null);
    }

    static LinkNotOpenException expired() {
        return new LinkNotOpenException(Reason.EXPIRED, 410, "Gone", "This survey link has expired", null);
    }

    static LinkNotOpenException closed() {
        return new LinkNotOpenException(Reason.SURVEY_CLOSED, 409, "Conflict", "This survey is closed", null);
    }

    static LinkNotOpenException notOpenYet() {
        return new LinkNotOpenException(Reason.SURVEY_NOT_OPEN, 409, "Conflict", "This survey is not open yet", null);
    }
}
