package io.effortmap.survey.response.mapping;

import static io.effortmap.survey.response.mapping.ImportColumn.COMMENT;
import static io.effortmap.survey.response.mapping.ImportColumn.EXTERNAL_ID;
import static io.effortmap.survey.response.mapping.ImportColumn.RESPONDENT;
import static io.effortmap.survey.response.mapping.ImportColumn.SCORE;
import static io.effortmap.survey.response.mapping.ImportColumn.SUBMITTED_AT;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The column names another tool's export uses, tried in order (the first one the header has is read); a column named
 * in the request replaces them. Qualtrics names a question's column after its id (Q1, QID7, ...), so that preset has
 * no score column of its own: the request must name it.
 */
public enum ImportPreset {
    GENERIC(Map.of(
            SCORE, List.of("score"),
            RESPONDENT, List.of("respondent"),
            SUBMITTED_AT, List.of("submitted_at"),
            COMMENT, List.of("comment"),
            EXTERNAL_ID, List.of("external_id")), false),
    QUALTRICS(Map.of(
            RESPONDENT, List.of("RecipientEmail", "ExternalReference"),
            SUBMITTED_AT, List.of("RecordedDate", "EndDate"),
            EXTERNAL_ID, List.of("ResponseId")), true),
    DELIGHTED(Map.of(
            SCORE, List.of("Score"),
            RESPONDENT, List.of("Person ID", "Email"),
            SUBMITTED_AT, List.of("Created At"),
            COMMENT, List.of("Comment"),
            EXTERNAL_ID, List.of("Response ID")), false);

    private final Map<ImportColumn, List<String>> defaults;
    /** Qualtrics puts two more header rows (question texts, then ImportId JSON) above the data. */
    final boolean qualtricsHeaderRows;

    ImportPreset(Map<ImportColumn, List<String>> defaults, boolean qualtricsHeaderRows) {
        this.defaults = defaults;
        this.qualtricsHeaderRows = qualtricsHeaderRows;
    }

    public List<String> defaults(ImportColumn column) {
        return defaults.getOrDefault(column, List.of());
    }

    /** The name on the wire: {@code generic}, {@code qualtrics}, {@code delighted}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ImportPreset> parse(String text) {
        return Arrays.stream(values()).filter(p -> p.wireName().equalsIgnoreCase(text.trim())).findFirst();
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(ImportPreset::wireName).toList();
    }
}
