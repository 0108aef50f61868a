package io.effortmap.survey.survey.rest;

import io.effortmap.common.ids.IdShape;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /api/v1/surveys}. Validated by the service, which names every offending field. */
@Schema(description = "A new survey for one journey touchpoint; it starts as DRAFT")
public record CreateSurveyRequest(
        @Schema(required = true, maxLength = 200) String name,
        @Schema(required = true, pattern = IdShape.Regex.JOURNEY, description = "Journey id assigned by journey-service") String journeyId,
        @Schema(required = true, pattern = IdShape.Regex.TOUCHPOINT, description = "Touchpoint of that journey") String touchpointId,
        @Schema(nullable = true, maxLength = 100, description = "Used in default question texts; \"The company\" when absent") String companyName,
        @Schema(nullable = true, enumeration = {"en", "de"}, description = "The language the questions are written in:"
                + " the respondent's page then speaks it whatever the browser asks for. Absent: the page follows the"
                + " browser's Accept-Language (English otherwise), default question texts included") String language,
        @Schema(required = true, minItems = 1, maxItems = 20) List<QuestionRequest> questions) {
}
