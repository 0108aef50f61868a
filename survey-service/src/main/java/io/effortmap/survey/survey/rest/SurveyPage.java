package io.effortmap.survey.survey.rest;

import java.util.List;

/** One page of surveys, newest first; {@code next} is the {@code after} of the following page, null on the last. */
public record SurveyPage(List<SurveyView> items, String next) {
}
