package io.effortmap.survey.response.mapping;

import io.effortmap.survey.response.repository.ResponseQueryRepository.AnswerKey;
import io.effortmap.survey.response.rest.AnswerView;
import io.effortmap.survey.response.rest.ResponseView;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 4180 CSV of responses: CRLF line ends, a header row, one row per response. Answers are flattened by question
 * key: column {@code <key>} holds the score (or the text of a COMMENT question); when a scored question also has
 * verbatim texts they go to {@code <key>.text}. A dot cannot occur in a question key, so no column names collide.
 */
public final class CsvExport {

    private static final List<String> FIXED = List.of("id", "surveyId", "journeyId", "touchpointId", "customerId",
            "channel", "interactionId", "occurredAt", "receivedAt", "segments");

    private final List<AnswerKey> keys;

    public CsvExport(List<AnswerKey> keys) {
        this.keys = List.copyOf(keys);
    }

    public String header() {
        List<String> names = new ArrayList<>(FIXED);
        for (AnswerKey k : keys) {
            if (k.scored()) {
                names.add(k.key());
                if (k.texted()) {
                    names.add(k.key() + ".text");
                }
            } else {
                names.add(k.key());
            }
        }
        return line(names);
    }

    public String rows(List<ResponseView> responses) {
        StringBuilder out = new StringBuilder();
        for (ResponseView r : responses) {
            List<String> cells = new ArrayList<>(List.of(r.id().toString(), r.surveyId().toString(), r.journeyId(),
                    r.touchpointId(), r.customerId(), r.channel(), nullToEmpty(r.interactionId()),
                    r.occurredAt().toString(), r.receivedAt().toString(),
                    new JsonObject(new LinkedHashMap<String, Object>(r.segments())).encode()));
            Map<String, AnswerView> byKey = new HashMap<>();
            r.answers().forEach(a -> byKey.put(a.questionKey(), a));
            for (AnswerKey k : keys) {
                AnswerView a = byKey.get(k.key());
                if (k.scored()) {
                    cells.add(a == null || a.score() == null ? "" : a.score().toString());
                    if (k.texted()) {
                        cells.add(a == null ? "" : nullToEmpty(a.text()));
                    }
                } else {
                    cells.add(a == null ? "" : nullToEmpty(a.text()));
                }
            }
            out.append(line(cells));
        }
        return out.toString();
    }

    /** A field is quoted when it holds a comma, quote, CR or LF; quotes inside are doubled. */
    static String escape(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\r') < 0 && field.indexOf('\n') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    private static String line(List<String> cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(escape(cells.get(i)));
        }
        return line.append("\r\n").toString();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
