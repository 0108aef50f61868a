package io.effortmap.survey.respondent.rest;

import io.effortmap.survey.response.rest.AnswerRequest;
import io.effortmap.survey.survey.model.QuestionKind;
import io.effortmap.survey.survey.model.QuestionSpec;
import io.effortmap.survey.survey.model.QuestionVariant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The respondent's page as a plain HTML form: the fields of a survey, the answers a posted form carries, and what is
 * wrong with them, in the respondent's language. The service validates again before storing; checking here first is
 * what lets the page say which question to fix, in words a respondent understands.
 */
final class SurveyPageForm {

    /** Form name of the free comment offered when the survey has no COMMENT question. */
    static final String COMMENT = "comment";
    /** What a verbatim on a scored answer may hold (as the API's {@code text}). */
    static final int VERBATIM_MAX = 2000;
    private static final String PREFIX = "q_";

    private final PublicSurveyView survey;
    private final PageMessages messages;
    private final Function<String, String> posted;
    private final Map<String, String> errors = new LinkedHashMap<>();

    private SurveyPageForm(PublicSurveyView survey, PageMessages messages, Function<String, String> posted) {
        this.survey = survey;
        this.messages = messages;
        this.posted = posted;
    }

    /** An empty form. */
    static SurveyPageForm blank(PublicSurveyView survey, PageMessages messages) {
        return new SurveyPageForm(survey, messages, name -> null);
    }

    /** A posted form, checked: {@link #valid()} tells whether it can be submitted. */
    static SurveyPageForm posted(PublicSurveyView survey, PageMessages messages, Function<String, String> values) {
        SurveyPageForm form = new SurveyPageForm(survey, messages, name -> {
            String value = values.apply(name);
            return value == null || value.isBlank() ? null : value.strip();
        });
        form.check();
        return form;
    }

    boolean valid() {
        return errors.isEmpty();
    }

    SurveyPage page(String lang, String nonce) {
        List<SurveyPage.Field> fields = new ArrayList<>();
        for (PublicQuestionView q : survey.questions()) {
            String name = PREFIX + q.key();
            String value = posted.apply(name);
            List<SurveyPage.Option> options = null;
            if (q.kind() != QuestionKind.COMMENT) {
                options = new ArrayList<>();
                String[] anchors = anchors(q);
                for (int point = q.scaleMin(); point <= q.scaleMax(); point++) {
                    String anchor = point == q.scaleMin() ? anchors[0] : point == q.scaleMax() ? anchors[1] : null;
                    options.add(new SurveyPage.Option(point, anchor, Integer.toString(point).equals(value)));
                }
            }
            fields.add(new SurveyPage.Field(name, text(q), q.required(), options, q.maxLength(), value,
                    errors.get(name)));
        }
        SurveyPage.Comment comment = hasCommentQuestion() ? null
                : new SurveyPage.Comment(COMMENT, VERBATIM_MAX, posted.apply(COMMENT), errors.get(COMMENT));
        return new SurveyPage(lang, nonce, survey.companyName(), fields, comment, !errors.isEmpty());
    }

    /** The answers to submit; the free comment goes with the first scored answer as its verbatim. */
    PublicResponseRequest request() {
        List<AnswerRequest> answers = new ArrayList<>();
        String comment = hasCommentQuestion() ? null : posted.apply(COMMENT);
        for (PublicQuestionView q : survey.questions()) {
            String value = posted.apply(PREFIX + q.key());
            if (value == null) {
                continue;
            }
            if (q.kind() == QuestionKind.COMMENT) {
                answers.add(new AnswerRequest(q.key(), null, value));
            } else {
                answers.add(new AnswerRequest(q.key(), Integer.parseInt(value), comment));
                comment = null;
            }
        }
        return new PublicResponseRequest(null, answers);
    }

    private void check() {
        for (PublicQuestionView q : survey.questions()) {
            String name = PREFIX + q.key();
            String value = posted.apply(name);
            if (q.kind() == QuestionKind.COMMENT) {
                if (value == null && q.required()) {
                    errors.put(name, messages.writeAnswer());
                } else if (value != null && q.maxLength() != null && value.codePointCount(0, value.length()) > q.maxLength()) {
                    errors.put(name, messages.tooLong(q.maxLength()));
                }
                continue;
            }
            if (value == null) {
                if (q.required()) {
                    errors.put(name, messages.chooseAnswer());
                }
            } else if (!onScale(value, q)) {
                errors.put(name, messages.chooseAnswer());
            }
        }
        String comment = hasCommentQuestion() ? null : posted.apply(COMMENT);
        if (comment != null && comment.codePointCount(0, comment.length()) > VERBATIM_MAX) {
            errors.put(COMMENT, messages.tooLong(VERBATIM_MAX));
        }
        // Nothing answered at all (every question optional): ask for the first answer rather than store nothing.
        if (errors.isEmpty() && request().answers().isEmpty()) {
            PublicQuestionView first = survey.questions().getFirst();
            errors.put(PREFIX + first.key(),
                    first.kind() == QuestionKind.COMMENT ? messages.writeAnswer() : messages.chooseAnswer());
        }
    }

    private boolean hasCommentQuestion() {
        return survey.questions().stream().anyMatch(q -> q.kind() == QuestionKind.COMMENT);
    }

    private static boolean onScale(String value, PublicQuestionView q) {
        if (value.length() > 3 || !value.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int point = Integer.parseInt(value);
        return point >= q.scaleMin() && point <= q.scaleMax();
    }

    /**
     * The question's wording: a default text the survey kept is said in the page's language (it was stored in
     * English); a text the survey's author wrote is shown as written.
     */
    private String text(PublicQuestionView q) {
        QuestionSpec spec = QuestionSpec.resolve(q.kind(), q.variant());
        String company = survey.companyName();
        if (spec == null || !spec.defaultText(company).equals(q.text())) {
            return q.text();
        }
        return switch (spec) {
            case CES_AGREEMENT_7 -> company == null ? messages.cesAgreementTextAnonymous() : messages.cesAgreementText(company);
            case CES_EFFORT_5 -> messages.cesEffortText();
            case CSAT_FIVE, CSAT_SEVEN -> company == null ? messages.csatTextAnonymous() : messages.csatText(company);
            case NPS_ELEVEN -> company == null ? messages.npsTextAnonymous() : messages.npsText(company);
            case COMMENT_TEXT -> messages.commentText();
        };
    }

    /** The words at the two ends of the question's scale. */
    private String[] anchors(PublicQuestionView q) {
        return switch (q.kind()) {
            case CES -> q.variant() == QuestionVariant.EFFORT_5
                    ? new String[] {messages.effortLow(), messages.effortHigh()}
                    : new String[] {messages.agreementLow(), messages.agreementHigh()};
            case CSAT -> new String[] {messages.satisfactionLow(), messages.satisfactionHigh()};
            case NPS -> new String[] {messages.likelihoodLow(), messages.likelihoodHigh()};
            case COMMENT -> throw new IllegalArgumentException("A comment has no scale");
        };
    }
}
