package io.effortmap.survey.shared;

import io.effortmap.common.idempotency.IdempotencyStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hibernate.JDBCException;

/**
 * Idempotency keys in {@code idempotency_key}. {@code INSERT ... ON CONFLICT DO NOTHING} is the atomic reservation: a
 * concurrent insert of the same key waits for the first to commit and then inserts nothing.
 */
@ApplicationScoped
public class IdempotencyRepository implements IdempotencyStore {

    private static final String RESERVE = """
            INSERT INTO idempotency_key (workspace, key, fingerprint, resource_id) VALUES ($1, $2, $3, $4)
            ON CONFLICT (workspace, key) DO NOTHING RETURNING resource_id""";
    private static final String FIND =
            "SELECT fingerprint, resource_id, completed FROM idempotency_key WHERE workspace = $1 AND key = $2";

    @Inject
    Pool pool;

    @Override
    public Uni<Reservation> reserve(String workspace, String key, String fingerprint, String resourceId) {
        return pool.preparedQuery(RESERVE).execute(Tuple.of(workspace, key, fingerprint, resourceId)).chain(rows -> {
            if (rows.iterator().hasNext()) {
                return Uni.createFrom().item(new Reservation(fingerprint, resourceId, false, true));
            }
            return pool.preparedQuery(FIND).execute(Tuple.of(workspace, key)).map(found -> {
                Row row = found.iterator().next();
                return new Reservation(row.getString("fingerprint"), row.getString("resource_id"),
                        row.getBoolean("completed"), false);
            });
        });
    }

    @Override
    public Uni<Void> complete(String workspace, String key, String resourceId) {
        return pool.preparedQuery(
                        "UPDATE idempotency_key SET completed = true, resource_id = $3 WHERE workspace = $1 AND key = $2")
                .execute(Tuple.of(workspace, key, resourceId)).replaceWithVoid();
    }

    @Override
    public Uni<Void> release(String workspace, String key) {
        return pool.preparedQuery("DELETE FROM idempotency_key WHERE workspace = $1 AND key = $2")
                .execute(Tuple.of(workspace, key)).replaceWithVoid();
    }

    /** A unique or primary key violation, also as Hibernate wraps it: an object with the reserved id exists already. */
    public static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && "23505".equals(pg.getSqlState())
                    || t instanceof JDBCException jdbc && "23505".equals(jdbc.getSQLState())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
