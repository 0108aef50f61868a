package io.effortmap.survey.response.repository;

import io.effortmap.survey.response.mapping.ResponseRows;
import io.effortmap.survey.response.rest.ResponseView;
import io.effortmap.survey.response.service.ResponseCursor;
import io.effortmap.survey.response.service.ResponseFilter;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;

/**
 * Filtered reads of responses, newest {@code occurred_at} first with {@code id} as tie-breaker (keyset pagination on
 * the index {@code (workspace, occurred_at DESC, id DESC)}). Every value is a bind parameter; only fixed SQL fragments
 * are concatenated.
 */
@ApplicationScoped
public class ResponseQueryRepository {

    private static final String COLUMNS = """
            SELECT r.id, r.survey_id, r.journey_id, r.touchpoint_id, r.customer_id, r.channel, r.interaction_id,
                   r.segments, r.occurred_at, r.received_at
              FROM response r""";

    /** Question keys answered within the filter, with whether they carry scores and texts, in question order. */
    private static final String ANSWER_KEYS = """
            SELECT a.question_key, bool_or(a.score IS NOT NULL) AS scored, bool_or(a.text IS NOT NULL) AS texted
              FROM response r JOIN response_answer a ON a.response_id = r.id""";

    /** A question key of the export and which kinds of values it has. */
    public record AnswerKey(String key, boolean scored, boolean texted) {
    }

    @Inject
    Pool pool;

    /** Up to {@code limit} responses after {@code after} (exclusive), with their answers. */
    public Uni<List<ResponseView>> page(String workspace, ResponseFilter filter, ResponseCursor after, int limit) {
        Where where = new Where(workspace, filter);
        if (after != null) {
            where.sql.append(" AND (r.occurred_at, r.id) < (").append(where.bind(after.occurredAt().atOffset(ZoneOffset.UTC)))
                    .append(", ").append(where.bind(after.id())).append(')');
        }
        String sql = COLUMNS + where.sql + " ORDER BY r.occurred_at DESC, r.id DESC LIMIT " + where.bind(limit);
        return pool.preparedQuery(sql).execute(where.params).chain(rows -> {
            List<Row> list = new ArrayList<>();
            rows.forEach(list::add);
            UUID[] ids = list.stream().map(row -> row.getUUID("id")).toArray(UUID[]::new);
            return ResponseRepository.answersOf(pool, ids).map(answers -> list.stream()
                    .map(row -> ResponseRows.toView(row, answers.getOrDefault(row.getUUID("id"), List.of())))
                    .toList());
        });
    }

    public Uni<List<AnswerKey>> answerKeys(String workspace, ResponseFilter filter) {
        Where where = new Where(workspace, filter);
        String sql = ANSWER_KEYS + where.sql + " GROUP BY a.question_key ORDER BY min(a.position), a.question_key";
        return pool.preparedQuery(sql).execute(where.params).map(rows -> {
            List<AnswerKey> keys = new ArrayList<>();
            rows.forEach(row -> keys.add(new AnswerKey(row.getString("question_key"), row.getBoolean("scored"),
                    row.getBoolean("texted"))));
            return keys;
        });
    }

    /** The WHERE clause of a filter on {@code response r} and its bind parameters. */
    private static final class Where {
        final StringBuilder sql = new StringBuilder(" WHERE r.workspace = $1");
        final Tuple params = Tuple.tuple();

        Where(String workspace, ResponseFilter f) {
            params.addValue(workspace);
            if (f.surveyId() != null) {
                sql.append(" AND r.survey_id = ").append(bind(f.surveyId()));
            }
            if (f.touchpointId() != null) {
                sql.append(" AND r.touchpoint_id = ").append(bind(f.touchpointId()));
            }
            if (f.from() != null) {
                sql.append(" AND r.occurred_at >= ").append(bind(f.from().atOffset(ZoneOffset.UTC)));
            }
            if (f.to() != null) {
                sql.append(" AND r.occurred_at < ").append(bind(f.to().atOffset(ZoneOffset.UTC)));
            }
            if (f.questionKey() != null) {
                sql.append(" AND EXISTS (SELECT 1 FROM response_answer q WHERE q.response_id = r.id AND q.question_key = ")
                        .append(bind(f.questionKey()));
                if (f.minScore() != null) {
                    sql.append(" AND q.score >= ").append(bind(f.minScore()));
                }
                if (f.maxScore() != null) {
                    sql.append(" AND q.score <= ").append(bind(f.maxScore()));
                }
                sql.append(')');
            }
            if (f.hasComment() != null) {
                sql.append(f.hasComment() ? " AND EXISTS" : " AND NOT EXISTS")
                        .append(" (SELECT 1 FROM response_answer c WHERE c.response_id = r.id AND btrim(c.text) <> '')");
            }
            if (!f.segments().isEmpty()) {
                sql.append(" AND r.segments @> ")
                        .append(bind(new JsonObject(new LinkedHashMap<String, Object>(f.segments())))).append("::jsonb");
            }
        }

        String bind(Object value) {
            params.addValue(value);
            return "$" + params.size();
        }
    }
}
