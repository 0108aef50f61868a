package io.effortmap.survey.response.repository;

import io.effortmap.survey.response.mapping.ResponseRows;
import io.effortmap.survey.response.rest.AnswerView;
import io.effortmap.survey.response.rest.ResponseView;
import io.effortmap.survey.response.service.NewResponse;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Responses through the reactive PostgreSQL client: whole batches are written with one statement per table
 * ({@code unnest} of arrays), and {@code ON CONFLICT DO NOTHING RETURNING} tells which rows were new.
 */
@ApplicationScoped
public class ResponseRepository {

    /** Inserts every row whose (workspace, source, idempotency_key) is new; tx_id and seq come from column defaults. */
    private static final String INSERT_RESPONSES = """
            INSERT INTO response (id, workspace, survey_id, journey_id, touchpoint_id, customer_id, channel, segments,
                                  occurred_at, source, idempotency_key, request_hash, interaction_id)
            SELECT u.id, u.workspace, u.survey_id, u.journey_id, u.touchpoint_id, u.customer_id, u.channel,
                   u.segments::jsonb, u.occurred_at, u.source, u.idempotency_key, u.request_hash, u.interaction_id
              FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[],
                          $8::text[], $9::timestamptz[], $10::text[], $11::text[], $12::text[], $13::text[])
                   AS u(id, workspace, survey_id, journey_id, touchpoint_id, customer_id, channel, segments,
                        occurred_at, source, idempotency_key, request_hash, interaction_id)
            ON CONFLICT (workspace, source, idempotency_key) DO NOTHING
            RETURNING id, received_at""";

    private static final String INSERT_ANSWERS = """
            INSERT INTO response_answer (response_id, position, question_key, kind, scale_min, scale_max, scoring,
                                         score, text)
            SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::int[], $6::int[], $7::text[],
                                 $8::int[], $9::text[])""";

    private static final String FIND_KEYS = """
            SELECT id, idempotency_key, request_hash FROM response
             WHERE workspace = $1 AND source = $2 AND idempotency_key = ANY($3::text[])""";

    private static final String FIND_RESPONSES = """
            SELECT id, survey_id, journey_id, touchpoint_id, customer_id, channel, interaction_id, segments,
                   occurred_at, received_at
              FROM response WHERE workspace = $1 AND id = ANY($2::uuid[])""";

    public static final String FIND_ANSWERS = """
            SELECT response_id, question_key, kind, scale_min, scale_max, scoring, score, text
              FROM response_answer WHERE response_id = ANY($1::uuid[]) ORDER BY response_id, position""";

    @Inject
    Pool pool;

    /**
     * Inserts the batch within the caller's transaction, in the given order. Answers the ids actually inserted with
     * their {@code received_at}; the others already existed (or were being inserted by a concurrent transaction that
     * then committed: ON CONFLICT waits for it).
     */
    public Uni<Map<UUID, Instant>> insert(SqlConnection conn, List<NewResponse> batch) {
        int n = batch.size();
        UUID[] ids = new UUID[n];
        String[] workspaces = new String[n];
        UUID[] surveyIds = new UUID[n];
        String[] journeyIds = new String[n];
        String[] touchpointIds = new String[n];
        String[] customerIds = new String[n];
        String[] channels = new String[n];
        String[] segments = new String[n];
        OffsetDateTime[] occurredAt = new OffsetDateTime[n];
        String[] sources = new String[n];
        String[] keys = new String[n];
        String[] hashes = new String[n];
        String[] interactionIds = new String[n];
        for (int i = 0; i < n; i++) {
            NewResponse r = batch.get(i);
            ids[i] = r.id();
            workspaces[i] = r.workspace();
            surveyIds[i] = r.surveyId();
            journeyIds[i] = r.journeyId();
            touchpointIds[i] = r.touchpointId();
            customerIds[i] = r.customerId();
            channels[i] = r.channel();
            segments[i] = new JsonObject(new LinkedHashMap<String, Object>(r.segments())).encode();
            occurredAt[i] = r.occurredAt().atOffset(ZoneOffset.UTC);
            sources[i] = r.source();
            keys[i] = r.idempotencyKey();
            hashes[i] = r.requestHash();
            interactionIds[i] = r.interactionId();
        }
        Tuple params = Tuple.tuple()
                .addValue(ids).addValue(workspaces).addValue(surveyIds).addValue(journeyIds).addValue(touchpointIds)
                .addValue(customerIds).addValue(channels).addValue(segments).addValue(occurredAt).addValue(sources)
                .addValue(keys).addValue(hashes).addValue(interactionIds);
        return conn.preparedQuery(INSERT_RESPONSES).execute(params).map(rows -> {
            Map<UUID, Instant> inserted = new HashMap<>();
            for (Row row : rows) {
                inserted.put(row.getUUID("id"), ResponseRows.instant(row, "received_at"));
            }
            return inserted;
        });
    }

    /** Inserts the answers of the given responses within the caller's transaction, with one statement. */
    public Uni<Void> insertAnswers(SqlConnection conn, List<NewResponse> responses) {
        List<NewResponse.Answer> answers = new ArrayList<>();
        List<UUID> owners = new ArrayList<>();
        for (NewResponse r : responses) {
            for (NewResponse.Answer a : r.answers()) {
                answers.add(a);
                owners.add(r.id());
            }
        }
        if (answers.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = answers.size();
        UUID[] responseIds = owners.toArray(UUID[]::new);
        Integer[] positions = new Integer[n];
        String[] keys = new String[n];
        String[] kinds = new String[n];
        Integer[] scaleMins = new Integer[n];
        Integer[] scaleMaxs = new Integer[n];
        String[] scorings = new String[n];
        Integer[] scores = new Integer[n];
        String[] texts = new String[n];
        for (int i = 0; i < n; i++) {
            NewResponse.Answer a = answers.get(i);
            positions[i] = a.position();
            keys[i] = a.questionKey();
            kinds[i] = a.kind().name();
            scaleMins[i] = a.scaleMin();
            scaleMaxs[i] = a.scaleMax();
            scorings[i] = a.scoring().name();
            scores[i] = a.score();
            texts[i] = a.text();
        }
        Tuple params = Tuple.tuple().addValue(responseIds).addValue(positions).addValue(keys).addValue(kinds)
                .addValue(scaleMins).addValue(scaleMaxs).addValue(scorings).addValue(scores).addValue(texts);
        return conn.preparedQuery(INSERT_ANSWERS).execute(params).replaceWithVoid();
    }

    /** Stored responses for some idempotency keys of one (workspace, source), by key. */
    public Uni<Map<String, StoredKey>> findKeys(String workspace, String source, Collection<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery(FIND_KEYS)
                .execute(Tuple.of(workspace, source, keys.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, StoredKey> found = new HashMap<>();
                    for (Row row : rows) {
                        StoredKey key = new StoredKey(row.getUUID("id"), row.getString("idempotency_key"),
                                row.getString("request_hash"));
                        found.put(key.idempotencyKey(), key);
                    }
                    return found;
                });
    }

    /** Responses of one workspace with their answers, in no particular order; unknown ids are absent. */
    public Uni<List<ResponseView>> findViews(String workspace, Collection<UUID> ids) {
        UUID[] idArray = ids.toArray(UUID[]::new);
        return pool.preparedQuery(FIND_RESPONSES).execute(Tuple.of(workspace, idArray))
                .chain(rows -> answersOf(pool, idArray).map(answers -> {
                    List<ResponseView> views = new ArrayList<>();
                    for (Row row : rows) {
                        views.add(ResponseRows.toView(row, answers.getOrDefault(row.getUUID("id"), List.of())));
                    }
                    return views;
                }));
    }

    /** Answers of some responses, grouped by response id, in question order. */
    public static Uni<Map<UUID, List<AnswerView>>> answersOf(SqlClient client, UUID[] responseIds) {
        if (responseIds.length == 0) {
            return Uni.createFrom().item(Map.of());
        }
        return client.preparedQuery(FIND_ANSWERS).execute(Tuple.tuple().addValue(responseIds)).map(rows -> {
            Map<UUID, List<AnswerView>> byResponse = new HashMap<>();
            for (Row row : rows) {
                byResponse.computeIfAbsent(row.getUUID("response_id"), id -> new ArrayList<>())
                        .add(ResponseRows.answer(row));
            }
            return byResponse;
        });
    }
}
