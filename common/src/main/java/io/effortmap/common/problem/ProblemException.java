package io.effortmap.common.problem;

import java.util.List;

/**
 * Thrown by the service layer to answer with a specific problem; never logged as an error because it is an
 * expected outcome of bad input or state.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<Problem.FieldError> errors;
    private final String retryAfter;

    public ProblemException(int status, String title, String detail, List<Problem.FieldError> errors, String retryAfter) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not Found", detail, null, null);
    }

    /** 404 naming the path parameter (or body field) whose value names nothing the caller can see. */
    public static ProblemException notFound(String detail, String field, String message) {
        return new ProblemException(404, "Not Found", detail, List.of(new Problem.FieldError(field, message)), null);
    }

    public static ProblemException badRequest(String field, String message) {
        return invalid(400, "Bad Request", List.of(new Problem.FieldError(field, message)));
    }

    public static ProblemException unprocessable(String field, String message) {
        return invalid(422, "Unprocessable Content", List.of(new Problem.FieldError(field, message)));
    }

    public static ProblemException invalid(int status, String title, List<Problem.FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.getFirst().field() + ": " + errors.getFirst().message()
                : errors.size() + " fields are invalid";
        return new ProblemException(status, title, detail, errors, null);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail, null, null);
    }

    public static ProblemException preconditionFailed(String detail) {
        return new ProblemException(412, "Precondition Failed", detail, null, null);
    }

    public static ProblemException unavailable(String detail, int retryAfterSeconds) {
        return new ProblemException(503, "Service Unavailable", detail, null, Integer.toString(retryAfterSeconds));
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    public String retryAfter() {
        return retryAfter;
    }
}
