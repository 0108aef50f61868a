package io.effortmap.common.validation;

import io.effortmap.common.problem.FieldNames;
import io.effortmap.common.problem.Problem;
import io.effortmap.common.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.List;

/** Bean Validation of request bodies in the service layer, answering with field names clients can point at. */
@ApplicationScoped
public class RequestValidator {

    private final Validator validator;

    RequestValidator(Validator validator) {
        this.validator = validator;
    }

    public List<Problem.FieldError> violations(Object body) {
        return validator.validate(body).stream()
                .map(v -> new Problem.FieldError(FieldNames.of(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                .toList();
    }

    /** Answers 400 naming every invalid field, or returns quietly. */
    public void check(Object body) {
        if (body == null) {
            throw ProblemException.badRequest("body", "is required");
        }
        List<Problem.FieldError> errors = violations(body);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(400, "Bad Request", errors);
        }
    }
}
