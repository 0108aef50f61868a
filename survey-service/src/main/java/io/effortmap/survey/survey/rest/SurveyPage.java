package io.effortmap.survey.survey.rest;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of surveys, newest first; {@code next} is the {@code after} of the following page, null on the last. */
public record SurveyPage(List<SurveyView> items, @Schema(nullable = true) String next) {
}
