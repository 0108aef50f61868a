package io.effortmap.common.rest;

import io.effortmap.common.problem.ProblemException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Query parameters arrive as raw strings and are parsed here, so a malformed value answers 400 naming the parameter;
 * JAX-RS would answer a bare 404 when its own conversion fails.
 */
public final class QueryParams {

    private QueryParams() {
    }

    public static LocalDate localDate(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name, "must be a date like 2026-11-22");
        }
    }

    /** A page size: absent gives the default; anything but a whole number from 1 to {@code max} is rejected. */
    public static int limit(String name, String value, int defaultValue, int max) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= 1 && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest(name, "must be a whole number from 1 to " + max);
    }
}
