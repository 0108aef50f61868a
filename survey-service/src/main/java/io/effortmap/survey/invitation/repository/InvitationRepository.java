package io.effortmap.survey.invitation.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Invitations through the reactive PostgreSQL client; a batch is one {@code INSERT ... SELECT FROM unnest}. */
@ApplicationScoped
public class InvitationRepository {

    private static final String INSERT = """
            INSERT INTO invitation (id, workspace, survey_id, customer_id, interaction_id, source, external_id,
                                    token_hash, created_at, expires_at)
            SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[],
                                 $8::bytea[], $9::timestamptz[], $10::timestamptz[])
            ON CONFLICT (workspace, source, external_id) DO NOTHING
            RETURNING id""";

    private static final String COLUMNS = """
            SELECT i.id, i.workspace, i.survey_id, s.touchpoint_id, i.customer_id, i.interaction_id, i.external_id,
                   i.created_at, i.expires_at, i.used_at
              FROM invitation i JOIN survey s ON s.id = i.survey_id
            """;

    private static final String FIND_EXTERNAL =
            COLUMNS + " WHERE i.workspace = $1 AND i.source = $2 AND i.external_id = ANY($3::text[])";

    private static final String FIND_BY_HASH = COLUMNS + " WHERE i.token_hash = $1";

    private static final String FIND_BY_ID = COLUMNS + " WHERE i.workspace = $1 AND i.id = $2";

    /** The single-use guard: only the first transaction to get here finds used_at still null. */
    private static final String MARK_USED = """
            UPDATE invitation SET used_at = now(), response_id = $2
             WHERE id = $1 AND used_at IS NULL AND expires_at > now()
            RETURNING id""";

    @Inject
    Pool pool;

    /** Inserts the batch; answers the ids inserted (the others hit an externalId stored meanwhile). */
    public Uni<Set<UUID>> insert(List<NewInvitation> batch) {
        int n = batch.size();
        UUID[] ids = new UUID[n];
        String[] workspaces = new String[n];
        UUID[] surveyIds = new UUID[n];
        String[] customerIds = new String[n];
        String[] interactionIds = new String[n];
        String[] sources = new String[n];
        String[] externalIds = new String[n];
        Buffer[] hashes = new Buffer[n];
        OffsetDateTime[] createdAt = new OffsetDateTime[n];
        OffsetDateTime[] expiresAt = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            NewInvitation inv = batch.get(i);
            ids[i] = inv.id();
            workspaces[i] = inv.workspace();
            surveyIds[i] = inv.surveyId();
            customerIds[i] = inv.customerId();
            interactionIds[i] = inv.interactionId();
            sources[i] = inv.source();
            externalIds[i] = inv.externalId();
            hashes[i] = Buffer.buffer(inv.tokenHash());
            createdAt[i] = inv.createdAt().atOffset(ZoneOffset.UTC);
            expiresAt[i] = inv.expiresAt().atOffset(ZoneOffset.UTC);
        }
        Tuple params = Tuple.tuple().addValue(ids).addValue(workspaces).addValue(surveyIds).addValue(customerIds)
                .addValue(interactionIds).addValue(sources).addValue(externalIds).addValue(hashes)
                .addValue(createdAt).addValue(expiresAt);
        return pool.preparedQuery(INSERT).execute(params).map(rows -> {
            Set<UUID> inserted = new HashSet<>();
            rows.forEach(row -> inserted.add(row.getUUID("id")));
            return inserted;
        });
    }

    /** Stored invitations of some externalIds of one (workspace, source), by externalId. */
    public Uni<Map<String, StoredInvitation>> findByExternalIds(String workspace, String source,
            Collection<String> externalIds) {
        if (externalIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery(FIND_EXTERNAL)
                .execute(Tuple.of(workspace, source, externalIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, StoredInvitation> found = new HashMap<>();
                    rows.forEach(row -> found.put(row.getString("external_id"), stored(row)));
                    return found;
                });
    }

    public Uni<Optional<StoredInvitation>> findById(String workspace, UUID id) {
        return pool.preparedQuery(FIND_BY_ID).execute(Tuple.of(workspace, id)).map(InvitationRepository::first);
    }

    public Uni<Optional<StoredInvitation>> findByTokenHash(byte[] hash) {
        return pool.preparedQuery(FIND_BY_HASH).execute(Tuple.of(Buffer.buffer(hash))).map(InvitationRepository::first);
    }

    /** Within the caller's transaction: marks the invitation used by {@code responseId}; false when it was not open. */
    public Uni<Boolean> markUsed(SqlConnection conn, UUID invitationId, UUID responseId) {
        return conn.preparedQuery(MARK_USED).execute(Tuple.of(invitationId, responseId))
                .map(rows -> rows.rowCount() == 1);
    }

    private static Optional<StoredInvitation> first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? Optional.of(stored(it.next())) : Optional.empty();
    }

    private static StoredInvitation stored(Row row) {
        return new StoredInvitation(row.getUUID("id"), row.getString("workspace"), row.getUUID("survey_id"),
                row.getString("touchpoint_id"), row.getString("customer_id"), row.getString("interaction_id"),
                row.getString("external_id"), instant(row, "created_at"), instant(row, "expires_at"),
                instant(row, "used_at"));
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
