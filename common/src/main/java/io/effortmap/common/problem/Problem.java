package io.effortmap.common.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * RFC 9457 problem details. {@code errors} names each offending field so clients can point at it.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One rejected input: a JSON-pointer-like path ({@code questions[0].scaleMax}) or a parameter/header name. */
    public record FieldError(String field, String message) {
    }
}
