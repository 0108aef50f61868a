package io.effortmap.journey.support;

import io.effortmap.common.problem.ProblemException;

/** Query parameters arrive as raw strings so that malformed values answer 400 naming the parameter. */
public final class QueryParams {

    private QueryParams() {
    }

    public static int limit(String raw, int defaultValue, int max) {
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("limit", "must be an integer between 1 and " + max);
        }
        if (value < 1 || value > max) {
            throw ProblemException.badRequest("limit", "must be between 1 and " + max);
        }
        return value;
    }
}
