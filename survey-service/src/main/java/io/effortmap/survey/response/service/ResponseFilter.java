package io.effortmap.survey.response.service;

import io.effortmap.common.ids.IdShape;
import io.effortmap.survey.shared.FieldErrors;
import io.effortmap.survey.shared.Ids;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Filters of {@code GET /api/v1/responses} and its export, parsed from raw query strings so that every malformed one
 * is named in a single 400. Null means "not filtered".
 *
 * @param from       inclusive lower bound of {@code occurredAt}
 * @param to         exclusive upper bound of {@code occurredAt}
 * @param questionKey with {@code minScore}/{@code maxScore}: an answer to this question within the range
 * @param hasComment whether some answer carries a non-blank text
 * @param segments   every pair must be among the response's segments
 */
public record ResponseFilter(UUID surveyId, String touchpointId, Instant from, Instant to, String questionKey,
        Integer minScore, Integer maxScore, Boolean hasComment, SortedMap<String, String> segments) {

    public static ResponseFilter parse(String surveyId, String touchpointId, String from, String to,
            String questionKey, String minScore, String maxScore, String hasComment, List<String> segments,
            FieldErrors errors) {
        UUID survey = null;
        if (present(surveyId)) {
            survey = Ids.parse(surveyId.trim()).orElse(null);
            if (survey == null) {
                errors.add("surveyId", "must be a UUID");
            }
        }
        Instant fromInstant = instant("from", from, errors);
        Instant toInstant = instant("to", to, errors);
        if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
            errors.add("to", "must be after from");
        }
        Integer min = integer("minScore", minScore, errors);
        Integer max = integer("maxScore", maxScore, errors);
        if (min != null && max != null && min > max) {
            errors.add("maxScore", "must not be below minScore");
        }
        String key = present(questionKey) ? questionKey.trim() : null;
        if ((present(minScore) || present(maxScore)) && key == null) {
            errors.add("questionKey", "is required with minScore or maxScore");
        }
        Boolean comment = null;
        if (present(hasComment)) {
            switch (hasComment.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "true" -> comment = true;
                case "false" -> comment = false;
                default -> errors.add("hasComment", "must be true or false");
            }
        }
        SortedMap<String, String> segmentFilter = new TreeMap<>();
        if (segments != null) {
            for (String segment : segments) {
                int colon = segment == null ? -1 : segment.indexOf(':');
                if (colon < 1 || colon == segment.length() - 1) {
                    errors.add("segment", "must be key:value, e.g. region:EU");
                } else {
                    segmentFilter.put(segment.substring(0, colon), segment.substring(colon + 1));
                }
            }
        }
        String touchpoint = present(touchpointId) ? touchpointId.trim() : null;
        if (touchpoint != null && !IdShape.TOUCHPOINT.matches(touchpoint)) {
            errors.add("touchpointId", IdShape.TOUCHPOINT.expectation());
        }
        return new ResponseFilter(survey, touchpoint, fromInstant, toInstant,
                key, min, max, comment, segmentFilter);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static Instant instant(String name, String value, FieldErrors errors) {
        if (!present(value)) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(name, "must be an ISO-8601 date-time with offset, e.g. 2026-11-01T00:00:00Z");
            return null;
        }
    }

    private static Integer integer(String name, String value, FieldErrors errors) {
        if (!present(value)) {
            return null;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            errors.add(name, "must be a whole number");
            return null;
        }
    }
}
