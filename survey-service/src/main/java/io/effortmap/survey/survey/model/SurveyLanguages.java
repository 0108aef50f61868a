package io.effortmap.survey.survey.model;

import java.util.List;

/** The languages a respondent's page speaks (its texts are in {@code messages/}); the first is the default. */
public final class SurveyLanguages {

    public static final List<String> SUPPORTED = List.of("en", "de");

    private SurveyLanguages() {
    }

    public static String fallback() {
        return SUPPORTED.getFirst();
    }
}
