package io.effortmap.survey.shared;

import io.effortmap.common.problem.Problem;
import io.effortmap.common.problem.ProblemException;
import java.util.ArrayList;
import java.util.List;

/** Collects every rejected field of one request so a client learns about all of them at once. */
public final class FieldErrors {

    private final List<Problem.FieldError> errors = new ArrayList<>();

    public FieldErrors add(String field, String message) {
        errors.add(new Problem.FieldError(field, message));
        return this;
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public List<Problem.FieldError> list() {
        return List.copyOf(errors);
    }

    /** Checks an optional text: blank counts as missing when required; too long is always rejected. */
    public String text(String field, String value, boolean required, int maxLength) {
        if (value == null || value.isBlank()) {
            if (required) {
                add(field, "is required");
            } else if (value != null) {
                add(field, "must not be blank");
            }
            return null;
        }
        if (value.length() > maxLength) {
            add(field, "must be at most " + maxLength + " characters");
            return null;
        }
        return value;
    }

    public void throwIfAny(int status, String title) {
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(status, title, list());
        }
    }

    public void throwIfAnyBadRequest() {
        throwIfAny(400, "Bad Request");
    }

    public void throwIfAnyUnprocessable() {
        throwIfAny(422, "Unprocessable Content");
    }
}
