package io.effortmap.common.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoInternalException;
import com.mongodb.MongoOperationTimeoutException;
import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteException;
import com.mongodb.ServerAddress;
import com.mongodb.WriteError;
import io.effortmap.common.problem.ProblemException;
import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

class StoreFailuresTest {

    @Test
    void unreachableOrSilentStoresAreUnavailableWhereverTheyAreWrapped() {
        assertThat(StoreFailures.isUnavailable(new MongoTimeoutException("no server"))).isTrue();
        assertThat(StoreFailures.isUnavailable(new MongoOperationTimeoutException("timeoutMS"))).isTrue();
        assertThat(StoreFailures.isUnavailable(new MongoSocketReadTimeoutException("read", new ServerAddress(),
                new java.net.SocketTimeoutException()))).isTrue();
        assertThat(StoreFailures.isUnavailable(new MongoSocketOpenException("refused", new ServerAddress()))).isTrue();
        assertThat(StoreFailures.isUnavailable(new MongoInternalException("Unexpected exception",
                new java.util.NoSuchElementException("ChannelInboundHandlerAdapter")))).isTrue();
        assertThat(StoreFailures.isUnavailable(ClosedConnectionException.INSTANCE)).isTrue();
        assertThat(StoreFailures.isUnavailable(new VertxException("Timeout waiting for connection", true))).isTrue();
        assertThat(StoreFailures.isUnavailable(new io.vertx.core.impl.NoStackTraceThrowable("Timeout"))).isTrue();
        assertThat(StoreFailures.isUnavailable(new PgException("terminating connection", "FATAL", "57P01", null))).isTrue();
        assertThat(StoreFailures.isUnavailable(new PgException("the database system is starting up", "FATAL", "57P03",
                null))).isTrue();
        assertThat(StoreFailures.isUnavailable(new PgException("canceling statement due to statement timeout", "ERROR",
                "57014", null))).isTrue();
        assertThat(StoreFailures.isUnavailable(new PgException("connection failure", "FATAL", "08006", null))).isTrue();
        assertThat(StoreFailures.isUnavailable(new CompletionException(new RuntimeException(new ConnectException()))))
                .isTrue();
    }

    /** What a pool of the reactive PostgreSQL client reported, besides 57P01/57P03, while its server was kill -9ed. */
    @Test
    void aKilledDatabaseIsUnavailableHoweverItsDroppedConnectionIsReported() {
        assertThat(StoreFailures.isUnavailable(new java.net.SocketException("Connection reset"))).isTrue();
        assertThat(StoreFailures.isUnavailable(new io.vertx.core.impl.NoStackTraceThrowable(
                "Connection is not active now, current status: CLOSED"))).isTrue();
        assertThat(StoreFailures.isUnavailable(new java.io.IOException("Broken pipe"))).isTrue();
        assertThat(StoreFailures.isUnavailable(new java.io.IOException("recvAddress(..) failed: Connection reset by peer")))
                .isTrue();
        assertThat(StoreFailures.isUnavailable(new java.io.IOException("No space left on device"))).isFalse();
    }

    @Test
    void refusedWritesAndBugsAreNotOutages() {
        assertThat(StoreFailures.isUnavailable(new MongoWriteException(new WriteError(11000, "duplicate key",
                new BsonDocument()), new ServerAddress(), java.util.Set.of()))).isFalse();
        assertThat(StoreFailures.isUnavailable(new MongoInternalException("bad reply"))).isFalse();
        assertThat(StoreFailures.isUnavailable(new PgException("duplicate key", "ERROR", "23505", null))).isFalse();
        assertThat(StoreFailures.isUnavailable(new PgException("deadlock detected", "ERROR", "40P01", null))).isFalse();
        assertThat(StoreFailures.isUnavailable(new VertxException("something else", true))).isFalse();
        assertThat(StoreFailures.isUnavailable(new IllegalStateException("bug"))).isFalse();
    }

    @Test
    void anUnavailableStoreBecomesA503WithRetryAfterAndAnythingElseStaysAsItWas() {
        Throwable translated = StoreFailures.translate(new MongoTimeoutException("no server"), Duration.ofSeconds(3));
        assertThat(translated).isInstanceOf(StoreUnavailableException.class);
        ProblemException problem = (ProblemException) translated;
        assertThat(problem.status()).isEqualTo(503);
        assertThat(problem.retryAfter()).isEqualTo("3");

        IllegalStateException bug = new IllegalStateException("bug");
        assertThat(StoreFailures.translate(bug)).isSameAs(bug);
    }
}
