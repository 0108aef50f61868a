package io.effortmap.metrics.aggregate.repository;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.effortmap.metrics.aggregate.service.BucketDelta;
import io.effortmap.metrics.aggregate.service.BucketKey;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Pre-aggregated daily buckets. Each bucket remembers the feed position it has absorbed; every write is conditional
 * on that position, which makes re-applying a page after a crash, or by a second replica, a no-op.
 */
@ApplicationScoped
public class BucketRepository {

    private static final String POSITION = "pos";

    private final ReactiveMongoCollection<Document> buckets;

    BucketRepository(ReactiveMongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.buckets = mongo.getDatabase(database).getCollection("buckets");
    }

    void createIndexes(@Observes StartupEvent event) {
        buckets.createIndex(Indexes.ascending("ws", "journeyId", "touchpointId", "metric", "day"))
                .subscribe().with(name -> { }, failure -> { });
    }

    public Uni<Map<String, String>> appliedPositions(List<BucketKey> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<String> ids = keys.stream().map(BucketKey::id).toList();
        return buckets.find(Filters.in("_id", ids), new FindOptions()
                        .projection(Projections.include(POSITION)))
                .collect().asMap(doc -> doc.getString("_id"), doc -> doc.getString(POSITION));
    }

    /** Applies every delta or fails with {@link ConcurrentApplyException}; partial application is safe to retry. */
    public Uni<Void> apply(Collection<BucketDelta> deltas, Map<String, String> applied) {
        if (deltas.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<WriteModel<Document>> writes = new ArrayList<>(deltas.size());
        for (BucketDelta delta : deltas) {
            BucketKey key = delta.key();
            String previous = applied.get(key.id());
            Bson filter = previous == null
                    ? Filters.and(Filters.eq("_id", key.id()), Filters.exists(POSITION, false))
                    : Filters.and(Filters.eq("_id", key.id()), Filters.eq(POSITION, previous));
            List<Bson> updates = new ArrayList<>();
            updates.add(Updates.inc("n", delta.n()));
            updates.add(Updates.inc("sum", delta.sum()));
            updates.add(Updates.inc("sumSq", delta.sumSquares()));
            delta.histogram().forEach((score, count) -> updates.add(Updates.inc("hist." + score, count)));
            updates.add(Updates.set(POSITION, delta.position()));
            if (previous == null) {
                updates.add(Updates.setOnInsert(new Document("ws", key.workspace())
                        .append("journeyId", key.journeyId())
                        .append("touchpointId", key.touchpointId())
                        .append("metric", key.metric())
                        .append("scoring", key.scoring())
                        .append("scaleMin", key.scaleMin())
                        .append("scaleMax", key.scaleMax())
                        .append("day", key.day().toString())));
            }
            writes.add(new UpdateOneModel<>(filter, Updates.combine(updates), new UpdateOptions().upsert(previous == null)));
        }
        int expected = writes.size();
        return buckets.bulkWrite(writes, new BulkWriteOptions().ordered(false))
                .onFailure(MongoBulkWriteException.class)
                .transform(e -> new ConcurrentApplyException("Another writer changed buckets of this page", e))
                .invoke(result -> {
                    if (result.getMatchedCount() + result.getUpserts().size() != expected) {
                        throw new ConcurrentApplyException("Another writer changed buckets of this page", null);
                    }
                })
                .replaceWithVoid();
    }

    public Uni<List<Document>> find(String workspace, String journeyId, String touchpointId, String metric,
            LocalDate from, LocalDate to) {
        return buckets.find(Filters.and(
                        Filters.eq("ws", workspace),
                        Filters.eq("journeyId", journeyId),
                        Filters.eq("touchpointId", touchpointId),
                        Filters.eq("metric", metric),
                        Filters.gte("day", from.toString()),
                        Filters.lte("day", to.toString())))
                .collect().asList();
    }

    /** Per-score counts of a bucket document, keyed by score. */
    public static Map<Integer, Long> histogram(Document bucket) {
        Document hist = bucket.get("hist", Document.class);
        if (hist == null) {
            return Map.of();
        }
        return hist.entrySet().stream().collect(Collectors.toMap(e -> Integer.parseInt(e.getKey()),
                e -> ((Number) e.getValue()).longValue()));
    }
}
