package io.effortmap.survey.respondent.rest;

import java.util.List;

/**
 * What the respondent's page renders: the company, one field per question with the respondent's previous choice and
 * the error to fix, if any, and the optional comment. {@code nonce} lets only this page's own style block run.
 */
public record SurveyPage(String lang, String nonce, String company, List<Field> fields, Comment comment,
        boolean hasErrors) {

    /** A question: a scale of radio buttons ({@code options}) or, for a COMMENT question, a text box. */
    public record Field(String name, String text, boolean required, List<Option> options, Integer maxLength,
            String value, String error) {

        public boolean scored() {
            return options != null;
        }
    }

    /** One point of a scale; the two ends carry their anchor label ("Strongly disagree" ... "Strongly agree"). */
    public record Option(int value, String anchor, boolean checked) {
    }

    /** The free comment offered when the survey has no COMMENT question of its own. */
    public record Comment(String name, int maxLength, String value, String error) {
    }

    /** A page with a title and one sentence: thank-you, already answered, expired, not found, unavailable. */
    public record Notice(String lang, String nonce, String title, String text) {
    }
}
