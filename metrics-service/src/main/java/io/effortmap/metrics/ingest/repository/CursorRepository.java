package io.effortmap.metrics.ingest.repository;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where each feed was read up to, per bucket generation. Positions only move forward ({@code $max}), so a stale
 * writer cannot rewind. Each cursor also counts the items read (rebuild progress) and whether its last read found the
 * end of the feed.
 */
@ApplicationScoped
public class CursorRepository {

    private final ReactiveMongoCollection<Document> cursors;

    CursorRepository(ReactiveMongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.cursors = mongo.getDatabase(database).getCollection("cursors");
    }

    public static String key(String feed, int generation) {
        return feed + "@g" + generation;
    }

    /** A cursor's state; {@code cursor} null means the feed is read from its beginning. */
    public record Cursor(String key, String cursor, long items, boolean caughtUp, Date updatedAt) {
    }

    public Uni<Cursor> load(String key) {
        return cursors.find(Filters.eq("_id", key)).collect().first()
                .map(doc -> doc == null ? new Cursor(key, null, 0, false, null) : cursor(doc));
    }

    public Uni<List<Cursor>> load(List<String> keys) {
        return cursors.find(Filters.in("_id", keys)).map(CursorRepository::cursor).collect().asList();
    }

    /**
     * Moves past a page of {@code items} read items; {@code caughtUp} when the page was not full. The count is only
     * for progress reports: a page read twice after a crash counts twice, the buckets do not.
     */
    public Uni<Void> advance(String key, String cursor, int items, boolean caughtUp) {
        var update = Updates.combine(Updates.inc("items", items), Updates.set("caughtUp", caughtUp),
                Updates.set("updatedAt", new Date()));
        if (cursor != null) {
            update = Updates.combine(update, Updates.max("cursor", cursor));
        }
        return cursors.updateOne(Filters.eq("_id", key), update, new UpdateOptions().upsert(true)).replaceWithVoid();
    }

    public Uni<Void> delete(List<String> keys) {
        return cursors.deleteMany(Filters.in("_id", keys)).replaceWithVoid();
    }

    private static Cursor cursor(Document doc) {
        Number items = doc.get("items", Number.class);
        return new Cursor(doc.getString("_id"), doc.getString("cursor"), items == null ? 0 : items.longValue(),
                Boolean.TRUE.equals(doc.getBoolean("caughtUp")), doc.getDate("updatedAt"));
    }
}
