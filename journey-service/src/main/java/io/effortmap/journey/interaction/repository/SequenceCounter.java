package io.effortmap.journey.interaction.repository;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.effortmap.journey.support.MongoErrors;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Monotonic counters in the {@code counters} collection ({@code {_id: name, value: n}}). {@code $inc} on a single
 * document is atomic, so every allocated block is disjoint from every other and later blocks are higher.
 */
@ApplicationScoped
public class SequenceCounter {

    public static final String INTERACTIONS = "interactions";

    @Inject
    ReactiveMongoClient client;

    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    /** Allocates {@code count} consecutive positions and returns the first. */
    public Uni<Long> allocate(String counter, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive");
        }
        return collection()
                .findOneAndUpdate(eq("_id", counter), Updates.inc("value", (long) count),
                        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER))
                // Two first-ever upserts can race on the _id; the loser simply increments the winner's document.
                .onFailure(MongoErrors::isDuplicateKey).retry().atMost(3)
                .map(doc -> ((Number) doc.get("value")).longValue() - count + 1);
    }

    /** The highest position allocated so far (0 when none). */
    public Uni<Long> current(String counter) {
        return collection().find(eq("_id", counter)).collect().first()
                .map(doc -> doc == null ? 0L : ((Number) doc.get("value")).longValue());
    }

    private ReactiveMongoCollection<Document> collection() {
        return client.getDatabase(database).getCollection("counters");
    }
}
