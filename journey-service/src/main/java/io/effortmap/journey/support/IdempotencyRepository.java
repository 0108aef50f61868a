package io.effortmap.journey.support;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import io.effortmap.common.idempotency.IdempotencyStore;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Idempotency keys of creating POSTs ({@code idempotency_keys}), unique per (workspace, key): the unique index makes
 * the reservation atomic, so of concurrent requests with one key exactly one reserves it.
 */
@ApplicationScoped
public class IdempotencyRepository implements IdempotencyStore {

    private final ReactiveMongoCollection<Document> keys;

    IdempotencyRepository(ReactiveMongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.keys = mongo.getDatabase(database).getCollection("idempotency_keys");
    }

    public Uni<Void> ensureIndexes() {
        return keys.createIndexes(List.of(new IndexModel(Indexes.ascending("ws", "key"),
                new IndexOptions().name("uniq_ws_key").unique(true)))).replaceWithVoid();
    }

    @Override
    public Uni<Reservation> reserve(String workspace, String key, String fingerprint, String resourceId) {
        Document doc = new Document("ws", workspace).append("key", key).append("fingerprint", fingerprint)
                .append("resourceId", resourceId).append("completed", false).append("createdAt", Instant.now());
        return keys.insertOne(doc)
                .map(ignored -> new Reservation(fingerprint, resourceId, false, true))
                .onFailure(MongoErrors::isDuplicateKey).recoverWithUni(() -> keys.find(filter(workspace, key))
                        .collect().first()
                        .onItem().ifNull().failWith(() -> new IllegalStateException("Idempotency key taken but not found"))
                        .map(found -> new Reservation(found.getString("fingerprint"), found.getString("resourceId"),
                                Boolean.TRUE.equals(found.getBoolean("completed")), false)))
                .onFailure().transform(MongoErrors::translate);
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
