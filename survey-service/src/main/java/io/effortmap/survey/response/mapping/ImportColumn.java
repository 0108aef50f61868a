package io.effortmap.survey.response.mapping;

/** A field of an imported response and the query parameter that names its column in the CSV header. */
public enum ImportColumn {
    SCORE("scoreColumn", true),
    RESPONDENT("respondentColumn", true),
    SUBMITTED_AT("submittedAtColumn", true),
    COMMENT("commentColumn", false),
    EXTERNAL_ID("externalIdColumn", false);

    public final String parameter;
    /** A required column must be in the header; an optional one is simply not read when absent. */
    public final boolean required;

    ImportColumn(String parameter, boolean required) {
        this.parameter = parameter;
        this.required = required;
    }
}
