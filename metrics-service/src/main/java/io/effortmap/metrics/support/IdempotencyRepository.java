package io.effortmap.metrics.support;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import io.effortmap.common.idempotency.IdempotencyStore;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Idempotency keys of creating POSTs ({@code idempotencyKeys}), unique per (workspace, key): the unique index makes
 * the reservation atomic, so of concurrent requests with one key exactly one reserves it.
 */
@ApplicationScoped
public class IdempotencyRepository implements IdempotencyStore {

    private final ReactiveMongoCollection<Document> keys;
    /** Reserving relies on the unique index, so nothing is reserved before it exists; creating it again is a no-op. */
    private volatile boolean indexed;

    IdempotencyRepository(ReactiveMongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.keys = mongo.getDatabase(database).getCollection("idempotencyKeys");
    }

    private Uni<Void> indexes() {
        if (indexed) {
            return Uni.createFrom().voidItem();
        }
        return keys.createIndex(Indexes.ascending("ws", "key"), new IndexOptions().unique(true))
                .invoke(() -> indexed = true)
                .replaceWithVoid();
    }

    @Override
    public Uni<Reservation> reserve(String workspace, String key, String fingerprint, String resourceId) {
        Document doc = new Document("ws", workspace).append("key", key).append("fingerprint", fingerprint)
                .append("resourceId", resourceId).append("completed", false).append("createdAt", Instant.now());
        return indexes().chain(() -> keys.insertOne(doc))
                .map(ignored -> new Reservation(fingerprint, resourceId, false, true))
                .onFailure(MongoErrors::isDuplicateKey).recoverWithUni(() -> keys.find(filter(workspace, key))
                        .collect().first()
                        .onItem().ifNull().failWith(() -> new IllegalStateException("Idempotency key taken but not found"))
                        .map(found -> new Reservation(found.getString("fingerprint"), found.getString("resourceId"),
                                Boolean.TRUE.equals(found.getBoolean("completed")), false)));
    }

    @Override
    public Uni<Void> complete(String workspace, String key, String resourceId) {
        return keys.updateOne(filter(workspace, key),
                Updates.combine(Updates.set("completed", true), Updates.set("resourceId", resourceId))).replaceWithVoid();
    }

    @Override
    public Uni<Void> release(String workspace, String key) {
        return keys.deleteOne(filter(workspace, key)).replaceWithVoid();
    }

    private static Bson filter(String workspace, String key) {
        return Filters.and(Filters.eq("ws", workspace), Filters.eq("key", key));
    }
}
