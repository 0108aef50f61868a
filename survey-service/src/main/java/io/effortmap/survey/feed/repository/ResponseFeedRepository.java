package io.effortmap.survey.feed.repository;

import io.effortmap.survey.feed.mapping.FeedMapper;
import io.effortmap.survey.feed.rest.FeedItem;
import io.effortmap.survey.feed.service.FeedPosition;
import io.effortmap.survey.response.repository.ResponseRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads responses in (tx_id, seq) order, only from transactions older than the oldest one still running
 * ({@code pg_snapshot_xmin}): those have all ended, so no row can ever appear behind a position already served.
 * See the survey-service README, "Change feed". The text form of the id has its own alias: ORDER BY takes an output
 * column's name before a table column's, and ordering ids as text ("10000" before "9999") skipped rows.
 */
@ApplicationScoped
public class ResponseFeedRepository {

    private static final String PAGE = """
            SELECT id, workspace, survey_id, journey_id, touchpoint_id, customer_id, channel, segments, occurred_at,
                   received_at, tx_id::text AS tx_text, seq
              FROM response
             WHERE (tx_id, seq) > ($1::text::xid8, $2::bigint)
               AND tx_id < pg_snapshot_xmin(pg_current_snapshot())
             ORDER BY response.tx_id, response.seq
             LIMIT $3""";

    @Inject
    Pool pool;

    public Uni<List<FeedItem>> after(FeedPosition after, int limit) {
        return pool.preparedQuery(PAGE).execute(Tuple.of(after.txIdText(), after.seq(), (long) limit)).chain(rows -> {
            List<Row> page = new ArrayList<>();
            rows.forEach(page::add);
            UUID[] ids = page.stream().map(r -> r.getUUID("id")).toArray(UUID[]::new);
            return ResponseRepository.answersOf(pool, ids)
                    .map(answers -> page.stream()
                            .map(row -> FeedMapper.toItem(row, answers.getOrDefault(row.getUUID("id"), List.of())))
                            .toList());
        });
    }
}
