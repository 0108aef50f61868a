package io.effortmap.survey.survey.service;

import io.effortmap.common.ids.IdShape;
import io.effortmap.survey.shared.FieldErrors;
import io.effortmap.survey.survey.model.QuestionKind;
import io.effortmap.survey.survey.model.QuestionSpec;
import io.effortmap.survey.survey.model.SurveyLanguages;
import io.effortmap.survey.survey.rest.CreateSurveyRequest;
import io.effortmap.survey.survey.rest.QuestionRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Checks a create request completely and answers 400 naming every offending field (e.g. {@code questions[2].key}). */
final class SurveyRequestValidator {

    static final int MAX_QUESTIONS = 20;
    private static final Pattern KEY = Pattern.compile("^[a-z0-9_-]{1,40}$");

    private SurveyRequestValidator() {
    }

    static NewSurvey validate(CreateSurveyRequest request) {
        FieldErrors errors = new FieldErrors();
        if (request == null) {
            errors.add("body", "is required");
            errors.throwIfAnyBadRequest();
        }
        String name = errors.text("name", request.name(), true, 200);
        String journeyId = id(errors, "journeyId", request.journeyId(), IdShape.JOURNEY);
        String touchpointId = id(errors, "touchpointId", request.touchpointId(), IdShape.TOUCHPOINT);
        String company = errors.text("companyName", request.companyName(), false, 100);
        String language = request.language() == null ? null : request.language().strip().toLowerCase(Locale.ROOT);
        if (language != null && !SurveyLanguages.SUPPORTED.contains(language)) {
            errors.add("language", "must be one of " + String.join(", ", SurveyLanguages.SUPPORTED));
        }

        List<NewSurvey.NewQuestion> questions = new ArrayList<>();
        List<QuestionRequest> requested = request.questions();
        if (requested == null || requested.isEmpty() || requested.size() > MAX_QUESTIONS) {
            errors.add("questions", "must contain 1 to " + MAX_QUESTIONS + " questions");
        } else {
            Map<String, Integer> keys = new HashMap<>();
            for (int i = 0; i < requested.size(); i++) {
                QuestionRequest q = requested.get(i);
                NewSurvey.NewQuestion question = question(q, "questions[" + i + "]", company, errors);
                if (q != null && q.key() != null && KEY.matcher(q.key()).matches()) {
                    Integer earlier = keys.putIfAbsent(q.key(), i);
                    if (earlier != null) {
                        errors.add("questions[" + i + "].key", "is already used by questions[" + earlier + "]");
                    }
                }
                if (question != null) {
                    questions.add(question);
                }
            }
        }
        errors.throwIfAnyBadRequest();
        return new NewSurvey(name.strip(), journeyId.strip(), touchpointId.strip(),
                company == null ? null : company.strip(), language, List.copyOf(questions));
    }

    /** A reference to journey-service: required and of its id shape, so it can only ever name one of its objects. */
    private static String id(FieldErrors errors, String field, String value, IdShape shape) {
        if (value == null || value.isBlank()) {
            errors.add(field, "is required");
            return null;
        }
        if (!shape.matches(value)) {
            errors.add(field, shape.expectation());
            return null;
        }
        return value;
    }

    private static NewSurvey.NewQuestion question(QuestionRequest q, String path, String company, FieldErrors errors) {
        if (q == null) {
            errors.add(path, "must not be null");
            return null;
        }
        boolean valid = true;
        if (q.key() == null) {
            errors.add(path + ".key", "is required");
            valid = false;
        } else if (!KEY.matcher(q.key()).matches()) {
            errors.add(path + ".key", "must be 1 to 40 characters of a-z, 0-9, '_' and '-'");
            valid = false;
        }
        QuestionSpec spec = null;
        if (q.kind() == null) {
            errors.add(path + ".kind", "is required");
            valid = false;
        } else {
            spec = QuestionSpec.resolve(q.kind(), q.variant());
            if (spec == null) {
                List<?> variants = QuestionSpec.variantsOf(q.kind());
                errors.add(path + ".variant", variants.isEmpty()
                        ? "must be absent for " + q.kind() + " questions"
                        : "must be one of " + variants.stream().map(Object::toString).collect(Collectors.joining(", "))
                                + " for " + q.kind() + " questions");
                valid = false;
            }
        }
        String text = errors.text(path + ".text", q.text(), false, 500);
        if (q.text() != null && text == null) {
            valid = false;
        }
        Integer maxLength = null;
        if (q.kind() == QuestionKind.COMMENT) {
            maxLength = q.maxLength() == null ? QuestionSpec.DEFAULT_COMMENT_MAX_LENGTH : q.maxLength();
            if (maxLength < 1 || maxLength > QuestionSpec.MAX_COMMENT_MAX_LENGTH) {
                errors.add(path + ".maxLength", "must be from 1 to " + QuestionSpec.MAX_COMMENT_MAX_LENGTH);
                valid = false;
            }
        } else if (q.maxLength() != null && q.kind() != null) {
            errors.add(path + ".maxLength", "applies to COMMENT questions only");
            valid = false;
        }
        if (!valid) {
            return null;
        }
        boolean required = q.required() != null ? q.required() : spec.scored();
        String wording = text != null ? text.strip() : spec.defaultText(company == null ? null : company.strip());
        return new NewSurvey.NewQuestion(q.key(), spec, wording, required, maxLength);
    }
}
