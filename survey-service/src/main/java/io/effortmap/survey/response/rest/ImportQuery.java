package io.effortmap.survey.response.rest;

import io.effortmap.survey.response.mapping.ImportColumn;
import io.effortmap.survey.response.service.ImportOptions;
import io.effortmap.survey.shared.ApiExamples;
import io.effortmap.survey.shared.FieldErrors;
import java.util.EnumMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestQuery;

/** The parameters of {@code POST /api/v1/responses/import}, as raw strings (parsed into a 400 naming each). */
public class ImportQuery {

    @RestQuery
    @Parameter(required = true, description = "The ACTIVE survey of your workspace that every row answers",
            example = ApiExamples.SURVEY_ID)
    String surveyId;

    @RestQuery
    @Parameter(description = "Column names to expect: generic (default), qualtrics or delighted",
            schema = @Schema(type = SchemaType.STRING, enumeration = {"generic", "qualtrics", "delighted"}))
    String preset;

    @RestQuery
    @Parameter(description = "Column of the score (generic: score, delighted: Score; qualtrics: required, e.g. Q1)")
    String scoreColumn;

    @RestQuery
    @Parameter(description = "Column of the customer id (generic: respondent; qualtrics: RecipientEmail, else "
            + "ExternalReference; delighted: Person ID, else Email)")
    String respondentColumn;

    @RestQuery
    @Parameter(description = "Column of the time of the response (generic: submitted_at; qualtrics: RecordedDate, else "
            + "EndDate; delighted: Created At)")
    String submittedAtColumn;

    @RestQuery
    @Parameter(description = "Column of the comment, optional (generic: comment; delighted: Comment; qualtrics: none)")
    String commentColumn;

    @RestQuery
    @Parameter(description = "Column of the export's own response id, optional (generic: external_id; qualtrics: "
            + "ResponseId; delighted: Response ID); without one a row is keyed by its content")
    String externalIdColumn;

    @RestQuery
    @Parameter(description = "Scored question of the survey that the scores answer (default: its first scored question)")
    String questionKey;

    @RestQuery
    @Parameter(description = "Channel of every imported response (default other): web, mobile_app, email, phone, chat, "
            + "store, social or other")
    String channel;

    @RestQuery
    @Parameter(description = "IANA time zone of times without an offset (default UTC), e.g. Europe/Paris")
    String timeZone;

    public ImportOptions options() {
        Map<ImportColumn, String> columns = new EnumMap<>(ImportColumn.class);
        named(columns, ImportColumn.SCORE, scoreColumn);
        named(columns, ImportColumn.RESPONDENT, respondentColumn);
        named(columns, ImportColumn.SUBMITTED_AT, submittedAtColumn);
        named(columns, ImportColumn.COMMENT, commentColumn);
        named(columns, ImportColumn.EXTERNAL_ID, externalIdColumn);
        FieldErrors errors = new FieldErrors();
        ImportOptions options = ImportOptions.parse(surveyId, preset, columns, questionKey, channel, timeZone, errors);
        errors.throwIfAnyBadRequest();
        return options;
    }

    private static void named(Map<ImportColumn, String> columns, ImportColumn column, String name) {
        if (name != null) {
            columns.put(column, name);
        }
    }
}
