package io.effortmap.survey.response.service;

import io.effortmap.survey.shared.Channels;
import io.effortmap.survey.shared.FieldErrors;
import io.effortmap.survey.shared.Ids;
import io.effortmap.survey.survey.model.SurveyStatus;
import io.effortmap.survey.survey.service.SurveySnapshot;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The rules of a response, in two steps. {@link #parse} checks the request on its own (answered 400);
 * {@link #checkAgainst} checks it against its survey (answered 422). Field names are relative to the response:
 * {@code answers[1].score}; bulk results carry them per item.
 */
public final class ResponseValidator {

    public static final int MAX_ANSWERS = 20;
    public static final int MAX_SEGMENTS = 10;
    public static final int MAX_VERBATIM_LENGTH = 2000;
    public static final Duration FUTURE_SKEW = Duration.ofMinutes(5);
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    private ResponseValidator() {
    }

    /** The normalised response, or null when {@code errors} received at least one entry. */
    public static ParsedResponse parse(ResponseInput in, FieldErrors errors) {
        int before = errors.list().size();
        UUID surveyId = null;
        if (in.surveyId() == null || in.surveyId().isBlank()) {
            errors.add("surveyId", "is required");
        } else {
            surveyId = Ids.parse(in.surveyId()).orElse(null);
            if (surveyId == null) {
                errors.add("surveyId", "must be a UUID");
            }
        }
        String customerId = errors.text("customerId", in.customerId(), true, 200);
        String channel = errors.text("channel", in.channel(), true, 50);
        if (channel != null && !Channels.isKnown(channel)) {
            errors.add("channel", "must be one of " + String.join(", ", Channels.ALL));
        }
        Instant occurredAt = null;
        if (in.occurredAt() == null || in.occurredAt().isBlank()) {
            errors.add("occurredAt", "is required");
        } else {
            try {
                occurredAt = OffsetDateTime.parse(in.occurredAt()).toInstant().truncatedTo(ChronoUnit.MICROS);
            } catch (DateTimeParseException e) {
                errors.add("occurredAt", "must be an ISO-8601 date-time with offset, e.g. 2026-11-01T10:00:00Z");
            }
        }
        String interactionId = errors.text("interactionId", in.interactionId(), false, 200);
        SortedMap<String, String> segments = segments(in.segments(), errors);
        List<ParsedResponse.Answer> answers = answers(in.answers(), errors);
        if (errors.list().size() > before) {
            return null;
        }
        return new ParsedResponse(surveyId, customerId, channel, occurredAt, interactionId, segments, answers);
    }

    private static SortedMap<String, String> segments(Map<String, String> in, FieldErrors errors) {
        SortedMap<String, String> segments = new TreeMap<>();
        if (in == null) {
            return segments;
        }
        if (in.size() > MAX_SEGMENTS) {
            errors.add("segments", "must have at most " + MAX_SEGMENTS + " entries");
            return segments;
        }
        for (Map.Entry<String, String> e : in.entrySet()) {
            String key = e.getKey();
            if (key == null || key.isBlank() || key.length() > 50) {
                errors.add("segments", "keys must be 1 to 50 characters");
                continue;
            }
            String value = errors.text("segments[" + key + "]", e.getValue(), true, 200);
            if (value != null) {
                segments.put(key, value);
            }
        }
        return segments;
    }

    private static List<ParsedResponse.Answer> answers(List<? extends ResponseInput.AnswerInput> in,
            FieldErrors errors) {
        List<ParsedResponse.Answer> answers = new ArrayList<>();
        if (in == null || in.isEmpty() || in.size() > MAX_ANSWERS) {
            errors.add("answers", "must contain 1 to " + MAX_ANSWERS + " answers");
            return answers;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < in.size(); i++) {
            ResponseInput.AnswerInput a = in.get(i);
            String path = "answers[" + i + "]";
            if (a == null) {
                errors.add(path, "must not be null");
                continue;
            }
            String key = errors.text(path + ".questionKey", a.questionKey(), true, 40);
            if (key != null) {
                Integer earlier = seen.putIfAbsent(key, i);
                if (earlier != null) {
                    errors.add(path + ".questionKey", "is already answered by answers[" + earlier + "]");
                }
            }
            answers.add(new ParsedResponse.Answer(key, a.score(), a.text()));
        }
        return answers;
    }

    /** Whether the survey takes responses; the caller answers 422 (unknown) or 409 (not ACTIVE). */
    public static String surveyProblem(SurveySnapshot survey) {
        if (survey == null) {
            return "is not a survey of your workspace";
        }
        if (survey.status() != SurveyStatus.ACTIVE) {
            return "survey is " + survey.status() + "; only ACTIVE surveys accept responses";
        }
        return null;
    }

    /** Rules that need the survey: known questions, scales, required answers, comment length, plausible time. */
    public static void checkAgainst(ParsedResponse r, SurveySnapshot survey, Instant now, FieldErrors errors) {
        if (r.occurredAt().isAfter(now.plus(FUTURE_SKEW))) {
            errors.add("occurredAt", "must not be more than 5 minutes in the future");
        } else if (r.occurredAt().isBefore(EARLIEST)) {
            errors.add("occurredAt", "must not be before 2000-01-01T00:00:00Z");
        }
        Set<String> answered = new HashSet<>();
        for (int i = 0; i < r.answers().size(); i++) {
            ParsedResponse.Answer a = r.answers().get(i);
            String path = "answers[" + i + "]";
            SurveySnapshot.Question q = survey.question(a.questionKey());
            if (q == null) {
                errors.add(path + ".questionKey", "is not a question of this survey");
                continue;
            }
            answered.add(q.key());
            if (q.scored()) {
                if (a.score() == null) {
                    errors.add(path + ".score", "is required for a " + q.kind() + " question");
                } else if (a.score() < q.scaleMin() || a.score() > q.scaleMax()) {
                    errors.add(path + ".score", "must be from " + q.scaleMin() + " to " + q.scaleMax());
                }
                if (a.text() != null && a.text().length() > MAX_VERBATIM_LENGTH) {
                    errors.add(path + ".text", "must be at most " + MAX_VERBATIM_LENGTH + " characters");
                }
            } else {
                if (a.score() != null) {
                    errors.add(path + ".score", "must be absent for a " + q.kind() + " question");
                }
                if (a.text() == null || a.text().isBlank()) {
                    errors.add(path + ".text", "is required for a " + q.kind() + " question");
                } else if (a.text().length() > q.maxLength()) {
                    errors.add(path + ".text", "must be at most " + q.maxLength() + " characters");
                }
            }
        }
        for (SurveySnapshot.Question q : survey.questions()) {
            if (q.required() && !answered.contains(q.key())) {
                errors.add("answers", "must answer the required question '" + q.key() + "'");
            }
        }
    }
}
