package io.effortmap.common.rest;

import io.effortmap.common.problem.ProblemException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Parses typed query parameters from strings so a malformed value answers 400 naming the parameter; JAX-RS would
 * answer a bare 404 when its own conversion fails.
 */
public final class QueryParams {

    private QueryParams() {
    }

    public static LocalDate localDate(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name, "must be a date like 2026-11-22");
        }
    }

    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name, "must be an instant like 2026-11-22T10:15:30Z");
        }
    }

    public static int limit(String name, Integer value, int defaultLimit, int max) {
        if (value == null) {
            return defaultLimit;
        }
        if (value < 1 || value > max) {
            throw ProblemException.badRequest(name, "must be between 1 and " + max);
        }
        return value;
    }
}
