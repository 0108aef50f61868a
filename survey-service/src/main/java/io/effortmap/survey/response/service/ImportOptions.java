package io.effortmap.survey.response.service;

import io.effortmap.survey.response.mapping.ImportColumn;
import io.effortmap.survey.response.mapping.ImportPreset;
import io.effortmap.survey.shared.Channels;
import io.effortmap.survey.shared.FieldErrors;
import io.effortmap.survey.shared.Ids;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/**
 * The parameters of a CSV import, checked on their own (400 naming each). {@code columns} holds the columns the
 * request names; the preset supplies the others. {@code questionKey} null means the survey's first scored question.
 */
public record ImportOptions(UUID surveyId, ImportPreset preset, Map<ImportColumn, String> columns, String questionKey,
        String channel, ZoneId timeZone) {

    private static final String DEFAULT_CHANNEL = "other";
    private static final int MAX_COLUMN_NAME = 200;

    public static ImportOptions parse(String surveyId, String preset, Map<ImportColumn, String> columns,
            String questionKey, String channel, String timeZone, FieldErrors errors) {
        UUID survey = null;
        if (surveyId == null || surveyId.isBlank()) {
            errors.add("surveyId", "is required");
        } else {
            survey = Ids.parse(surveyId.trim()).orElse(null);
            if (survey == null) {
                errors.add("surveyId", "must be a UUID");
            }
        }
        ImportPreset chosen = ImportPreset.GENERIC;
        if (preset != null) {
            chosen = ImportPreset.parse(preset).orElse(null);
            if (chosen == null) {
                errors.add("preset", "must be one of " + String.join(", ", ImportPreset.wireNames()));
            }
        }
        Map<ImportColumn, String> named = new EnumMap<>(ImportColumn.class);
        columns.forEach((column, name) -> {
            String checked = errors.text(column.parameter, name, false, MAX_COLUMN_NAME);
            if (checked != null) {
                named.put(column, checked.trim());
            }
        });
        String key = errors.text("questionKey", questionKey, false, 40);
        String chosenChannel = DEFAULT_CHANNEL;
        if (channel != null) {
            chosenChannel = channel.trim();
            if (!Channels.isKnown(chosenChannel)) {
                errors.add("channel", "must be one of " + String.join(", ", Channels.ALL));
            }
        }
        ZoneId zone = ZoneOffset.UTC;
        if (timeZone != null) {
            try {
                zone = ZoneId.of(timeZone.trim());
            } catch (DateTimeException e) {
                errors.add("timeZone", "must be an IANA time zone such as Europe/Paris, or an offset such as +02:00");
            }
        }
        return new ImportOptions(survey, chosen, Map.copyOf(named), key == null ? null : key.trim(), chosenChannel, zone);
    }
}
