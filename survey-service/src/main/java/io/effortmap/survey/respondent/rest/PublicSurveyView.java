package io.effortmap.survey.respondent.rest;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a respondent sees: the company name and the questions, nothing else of the workspace (no survey, journey,
 * customer or invitation ids; the token in the path is all a submission needs).
 */
public record PublicSurveyView(@Schema(nullable = true) String companyName,
        @Schema(nullable = true, description = "The questions' language, when the survey sets one") String language,
        List<PublicQuestionView> questions) {
}
