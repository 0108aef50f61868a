package io.effortmap.metrics.aggregate.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import io.effortmap.localmongo.LocalMongoBackends;
import io.effortmap.metrics.aggregate.service.AggregateDelta;
import io.effortmap.metrics.aggregate.service.BucketPlanner;
import io.effortmap.metrics.aggregate.service.Dimensions;
import io.effortmap.metrics.feed.client.ResponseFeedPage.Answer;
import io.effortmap.metrics.feed.client.ResponseFeedPage.ResponseEvent;
import io.quarkus.mongodb.impl.ReactiveMongoClientImpl;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import io.effortmap.metrics.testing.StoredBuckets;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two writers that planned the same page from the same snapshot: only the first write counts. */
class ConditionalWriteTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final BucketPlanner planner = new BucketPlanner(new Dimensions(List.of(), Map.of()));
    private MongoServer server;
    private ReactiveMongoClientImpl client;
    private AggregateRepository repository;

    @BeforeEach
    void start() {
        server = new MongoServer(LocalMongoBackends.memory());
        client = new ReactiveMongoClientImpl(MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort()));
        repository = StoredBuckets.repository(client, "conditional");
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void aStaleWriterIsRejectedAndCountsNothing() {
        List<ResponseEvent> page = List.of(event("01", 5), event("02", 6));
        Map<String, String> snapshot = repository.appliedPositions(1, planner.keys(page)).await().atMost(WAIT);
        Collection<AggregateDelta> first = planner.plan(page, snapshot);
        Collection<AggregateDelta> second = planner.plan(page, snapshot);

        repository.apply(1, first, snapshot).await().atMost(WAIT);

        assertThatThrownBy(() -> repository.apply(1, second, snapshot).await().atMost(WAIT))
                .isInstanceOf(ConcurrentApplyException.class);
        assertThat(stored()).allSatisfy(doc -> {
            assertThat(doc.get("n", Number.class).longValue()).isEqualTo(2);
            assertThat(doc.get("sum", Number.class).longValue()).isEqualTo(11);
        });
    }

    @Test
    void aWriterBehindTheBucketsPositionChangesNothing() {
        List<ResponseEvent> older = List.of(event("01", 5));
        Map<String, String> empty = repository.appliedPositions(1, planner.keys(older)).await().atMost(WAIT);
        List<ResponseEvent> both = List.of(event("01", 5), event("02", 6));
        Map<String, String> before = repository.appliedPositions(1, planner.keys(both)).await().atMost(WAIT);
        repository.apply(1, planner.plan(both, before), before).await().atMost(WAIT);

        assertThatThrownBy(() -> repository.apply(1, planner.plan(older, empty), empty).await().atMost(WAIT))
                .isInstanceOf(ConcurrentApplyException.class);
        assertThat(stored()).extracting(doc -> doc.getString("pos")).containsOnly("02");
        assertThat(stored()).extracting(doc -> ((Number) doc.get("n")).longValue())
                .containsOnly(2L);
    }

    private List<Document> stored() {
        return StoredBuckets.flattened(client, "conditional");
    }

    private static ResponseEvent event(String position, int score) {
        Instant at = Instant.parse("2026-11-01T10:00:00Z");
        return new ResponseEvent(position, "r" + position, "ws", "s", "j", "tp", null, "c", Map.of(), at, at,
                List.of(new Answer("ces", "CES", 1, 7, "CES_AGREEMENT", score, null)));
    }
}
