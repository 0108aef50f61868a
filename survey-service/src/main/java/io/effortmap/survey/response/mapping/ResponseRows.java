package io.effortmap.survey.response.mapping;

import io.effortmap.survey.response.rest.AnswerView;
import io.effortmap.survey.response.rest.ResponseView;
import io.effortmap.survey.response.service.NewResponse;
import io.effortmap.survey.survey.model.QuestionKind;
import io.effortmap.survey.survey.model.Scoring;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Rows of {@code response}/{@code response_answer} and new responses to views; shared with the change feed. */
public final class ResponseRows {

    private ResponseRows() {
    }

    public static ResponseView toView(NewResponse r, Instant receivedAt) {
        return new ResponseView(r.id(), r.surveyId(), r.journeyId(), r.touchpointId(), r.customerId(), r.channel(),
                r.interactionId(), r.segments(), r.occurredAt(), receivedAt, r.answers().stream()
                        .map(a -> new AnswerView(a.questionKey(), a.kind(), a.scaleMin(), a.scaleMax(), a.scoring(),
                                a.score(), a.text()))
                        .toList());
    }

    /** A row of {@code response} (see ResponseRepository#COLUMNS) with its answers. */
    public static ResponseView toView(Row row, List<AnswerView> answers) {
        return new ResponseView(row.getUUID("id"), row.getUUID("survey_id"), row.getString("journey_id"),
                row.getString("touchpoint_id"), row.getString("customer_id"), row.getString("channel"),
                row.getString("interaction_id"), segments(row), instant(row, "occurred_at"),
                instant(row, "received_at"), answers);
    }

    public static AnswerView answer(Row row) {
        return new AnswerView(row.getString("question_key"), QuestionKind.valueOf(row.getString("kind")),
                row.getInteger("scale_min"), row.getInteger("scale_max"), Scoring.valueOf(row.getString("scoring")),
                row.getInteger("score"), row.getString("text"));
    }

    public static SortedMap<String, String> segments(Row row) {
        SortedMap<String, String> segments = new TreeMap<>();
        JsonObject json = row.getJsonObject("segments");
        if (json != null) {
            for (Map.Entry<String, Object> e : json) {
                segments.put(e.getKey(), e.getValue() == null ? null : e.getValue().toString());
            }
        }
        return segments;
    }

    public static Instant instant(Row row, String column) {
        return row.getOffsetDateTime(column).toInstant();
    }
}
