package io.effortmap.common.store;

import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import java.util.Set;

/** Reactive SQL client failures that mean "unavailable"; loaded only when the client is present (see StoreFailures). */
final class SqlFailures {

    /**
     * SQLSTATEs of a database that cannot serve now: 57014 query cancelled (statement_timeout), 57P01-57P03 shutting
     * down, crashed or still recovering, 53300 too many connections, 55P03 lock not available (lock_timeout).
     */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57014", "57P01", "57P02", "57P03", "53300", "55P03");

    private SqlFailures() {
    }

    static boolean isUnavailable(Throwable t) {
        if (t instanceof ClosedConnectionException) {
            return true;
        }
        if (t instanceof DatabaseException db) {
            String state = db.getSqlState();
            // Class 08: connection exceptions.
            return state != null && (state.startsWith("08") || UNAVAILABLE_STATES.contains(state));
        }
        // The pool's acquisition deadline (PoolOptions connectionTimeout), and a command sent on a connection the pool
        // had not yet seen close (the server was killed), have no type of their own.
        String message = t.getMessage();
        return (t instanceof VertxException || t instanceof NoStackTraceThrowable) && message != null
                && (message.equals("Timeout") || message.equals("Timeout waiting for connection")
                        || message.startsWith("Connection is not active now"));
    }
}
