package io.effortmap.common.store;

import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;

/**
 * The one translation of store failures for every service: a failure that says the store is unreachable, closed the
 * connection, or did not answer in time becomes a 503 with Retry-After ({@link StoreUnavailableException}); anything
 * else (a refused write, a bug) is left alone. Driver types are only looked at when the driver is on the class path,
 * so survey-service needs no MongoDB driver and the Mongo services no SQL client.
 */
public final class StoreFailures {

    /** Retry-After when no configured value is at hand (the problem mapper's fallback). */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(2);
    private static final boolean MONGO = present("com.mongodb.MongoException");
    private static final boolean SQL = present("io.vertx.sqlclient.DatabaseException");
    private static final int MAX_CAUSES = 12;

    private StoreFailures() {
    }

    /** Whether {@code failure} or one of its causes says the store is unavailable (as opposed to refusing a request). */
    public static boolean isUnavailable(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_CAUSES; depth++, t = t.getCause()) {
            if (t instanceof StoreUnavailableException || t instanceof SocketException
                    || t instanceof SocketTimeoutException || t instanceof ClosedChannelException || brokenConnection(t)
                    || MONGO && MongoFailures.isUnavailable(t)
                    || SQL && SqlFailures.isUnavailable(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A connection the peer dropped while it was written to or read from (a killed database), as the JDK's NIO and
     * Netty's native transports report it: a plain IOException told apart only by its message.
     */
    private static boolean brokenConnection(Throwable t) {
        String message = t.getMessage();
        return t instanceof IOException && message != null
                && (message.contains("Broken pipe") || message.contains("Connection reset by peer"));
    }

    /** The 503 for an unavailable store; any other failure unchanged. */
    public static Throwable translate(Throwable failure) {
        return translate(failure, DEFAULT_RETRY_AFTER);
    }

    public static Throwable translate(Throwable failure, Duration retryAfter) {
        if (failure instanceof StoreUnavailableException) {
            return failure;
        }
        return isUnavailable(failure) ? unavailable(retryAfter) : failure;
    }

    public static StoreUnavailableException unavailable(Duration retryAfter) {
        return new StoreUnavailableException("The database is unavailable or did not answer in time; retry later",
                retryAfter.toSeconds());
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, StoreFailures.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
