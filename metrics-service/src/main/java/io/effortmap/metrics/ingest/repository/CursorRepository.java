package io.effortmap.metrics.ingest.repository;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Where each feed was read up to. Positions only move forward ({@code $max}), so a stale writer cannot rewind. */
@ApplicationScoped
public class CursorRepository {

    private final ReactiveMongoCollection<Document> cursors;

    CursorRepository(ReactiveMongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.cursors = mongo.getDatabase(database).getCollection("cursors");
    }

    /** The saved cursor, or {@code null} to read the feed from its beginning. */
    public Uni<String> load(String feed) {
        return cursors.find(Filters.eq("_id", feed)).collect().first()
                .map(doc -> doc == null ? null : doc.getString("cursor"));
    }

    public Uni<Void> advance(String feed, String cursor) {
        return cursors.updateOne(Filters.eq("_id", feed), Updates.max("cursor", cursor), new UpdateOptions().upsert(true))
                .replaceWithVoid();
    }
}
