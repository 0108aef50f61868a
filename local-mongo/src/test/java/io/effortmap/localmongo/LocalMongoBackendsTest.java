package io.effortmap.localmongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The _id lookup changes which documents are examined, never which ones match. */
class LocalMongoBackendsTest {

    @TempDir
    static Path dir;

    static Stream<Arguments> backends() throws Exception {
        return Stream.of(Arguments.of("memory", LocalMongoBackends.memory()),
                Arguments.of("h2", LocalMongoBackends.h2(Files.createTempFile(dir, "store", ".mv").toString())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void conditionsBesideAnIdStillDecideWhatMatches(String name, MongoBackend backend) {
        MongoServer server = new MongoServer(backend);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            MongoCollection<Document> buckets = client.getDatabase("d").getCollection("b");
            for (int i = 0; i < 100; i++) {
                buckets.insertOne(new Document("_id", "k" + i).append("pos", "p1").append("n", 1));
            }

            assertThat(buckets.updateOne(Filters.and(Filters.eq("_id", "k7"), Filters.eq("pos", "p1")),
                    Updates.combine(Updates.inc("n", 1), Updates.set("pos", "p2"))).getMatchedCount()).isEqualTo(1);
            // Stale writer: the position moved on, nothing matches.
            assertThat(buckets.updateOne(Filters.and(Filters.eq("_id", "k7"), Filters.eq("pos", "p1")),
                    Updates.inc("n", 1)).getMatchedCount()).isZero();
            assertThat(buckets.find(Filters.eq("_id", "k7")).first()).containsEntry("n", 2).containsEntry("pos", "p2");
            assertThat(buckets.countDocuments(Filters.and(Filters.eq("_id", "k8"), Filters.eq("pos", "p2")))).isZero();
            assertThat(buckets.countDocuments(Filters.and(Filters.eq("_id", "k8"), Filters.eq("pos", "p1")))).isOne();

            // A new bucket upserts; expecting "no position yet" on an existing one collides with its _id.
            buckets.updateOne(Filters.and(Filters.eq("_id", "new"), Filters.eq("pos", null)),
                    Updates.combine(Updates.inc("n", 1), Updates.set("pos", "p1")), new UpdateOptions().upsert(true));
            assertThat(buckets.find(Filters.eq("_id", "new")).first()).containsEntry("n", 1);
            assertThatThrownBy(() -> buckets.updateOne(Filters.and(Filters.eq("_id", "new"), Filters.eq("pos", null)),
                    Updates.inc("n", 1), new UpdateOptions().upsert(true))).isInstanceOf(MongoWriteException.class);
            assertThat(buckets.countDocuments()).isEqualTo(101);

            assertThat(buckets.deleteOne(Filters.and(Filters.eq("_id", "k9"), Filters.eq("pos", "p1"))).getDeletedCount())
                    .isOne();
            buckets.replaceOne(Filters.and(Filters.eq("_id", "k10"), Filters.eq("pos", "p1")), new Document("pos", "p3"));
            assertThat(buckets.find(Filters.eq("_id", "k10")).first()).containsEntry("pos", "p3");
            assertThat(buckets.countDocuments()).isEqualTo(100);
        } finally {
            server.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void anIdInListMatchesExactlyTheListedIds(String name, MongoBackend backend) {
        MongoServer server = new MongoServer(backend);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            MongoCollection<Document> buckets = client.getDatabase("d").getCollection("b");
            for (int i = 0; i < 50; i++) {
                buckets.insertOne(new Document("_id", "k" + i).append("n", i));
            }
            buckets.insertOne(new Document("_id", 7).append("n", -7));

            assertThat(buckets.find(Filters.in("_id", "k3", "k49", "absent", "k3")).map(d -> d.get("_id")).into(new java.util.ArrayList<>()))
                    .containsExactlyInAnyOrder("k3", "k49");
            // The same query object again (the set is kept per query) and a different list right after it.
            assertThat(buckets.countDocuments(Filters.in("_id", "k3", "k49"))).isEqualTo(2);
            assertThat(buckets.countDocuments(Filters.in("_id", "k1"))).isOne();
            // Mixed types and other conditions are matched by the store itself.
            assertThat(buckets.countDocuments(Filters.in("_id", 7, "k1"))).isEqualTo(2);
            assertThat(buckets.countDocuments(Filters.and(Filters.in("_id", "k1", "k2"), Filters.gt("n", 1)))).isOne();
            assertThat(buckets.countDocuments(Filters.nin("_id", "k1", "k2"))).isEqualTo(49);
        } finally {
            server.shutdownNow();
        }
    }
}
