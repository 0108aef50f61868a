package io.effortmap.metrics.webhook.repository;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.effortmap.metrics.support.MongoErrors;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The webhook outbox. Deliveries are inserted only if absent (deterministic ids), claimed one at a time with
 * {@code findOneAndUpdate} (so two replicas never send the same attempt, and a crashed replica's claim expires), and
 * each attempt is recorded only by the claim's holder.
 */
@ApplicationScoped
public class DeliveryRepository {

    /** An unclaimed delivery's claim expired long ago; keeps the claim filter a single range condition. */
    private static final Date UNCLAIMED = new Date(0);

    private final ReactiveMongoCollection<Document> deliveries;

    DeliveryRepository(ReactiveMongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.deliveries = mongo.getDatabase(database).getCollection("webhookDeliveries");
    }

    void createIndexes(@Observes StartupEvent event) {
        deliveries.createIndex(Indexes.ascending("state", "nextAttemptAt")).subscribe().with(name -> { }, failure -> { });
        deliveries.createIndex(Indexes.ascending("ws", "sub", "sk")).subscribe().with(name -> { }, failure -> { });
    }

    /** Deletes the delivered and failed deliveries created before {@code before}; answers how many went. */
    public Uni<Long> deleteFinishedBefore(Instant before) {
        return deliveries.deleteMany(Filters.and(Filters.in("state", Delivery.DELIVERED, Delivery.FAILED),
                Filters.lt("createdAt", Date.from(before)))).map(result -> result.getDeletedCount());
    }

    public record NewDelivery(String id, String workspace, String subscriptionId, String eventId, String eventType,
            String payload, Instant createdAt) {
    }

    /** Inserts the deliveries that do not exist yet; existing ones (a re-delivered page) are left untouched. */
    public Uni<Void> insertIfAbsent(List<NewDelivery> fresh) {
        if (fresh.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<WriteModel<Document>> writes = new ArrayList<>(fresh.size());
        for (NewDelivery d : fresh) {
            Document doc = new Document("ws", d.workspace()).append("sub", d.subscriptionId())
                    .append("eventId", d.eventId()).append("type", d.eventType()).append("payload", d.payload())
                    .append("state", Delivery.PENDING).append("attempts", 0)
                    .append("nextAttemptAt", Date.from(d.createdAt())).append("claimExpiresAt", UNCLAIMED)
                    .append("createdAt", Date.from(d.createdAt()))
                    .append("sk", sortKey(d.createdAt(), d.id())).append("log", List.of());
            writes.add(new UpdateOneModel<>(Filters.eq("_id", d.id()), Updates.setOnInsert(doc),
                    new UpdateOptions().upsert(true)));
        }
        return deliveries.bulkWrite(writes, new BulkWriteOptions().ordered(false))
                // Two writers inserting the same delivery at once: one wins, which is all we want.
                .onFailure(e -> e instanceof MongoBulkWriteException b
                        && b.getWriteErrors().stream().allMatch(w -> w.getCode() == 11000))
                .recoverWithNull()
                .onFailure(MongoErrors::isDuplicateKey).recoverWithNull()
                .replaceWithVoid();
    }

    /** Claims the most overdue delivery for {@code owner} until {@code now + ttl}; null when none is due. */
    public Uni<Delivery> claim(String owner, Instant now, Duration ttl) {
        return deliveries.findOneAndUpdate(
                        Filters.and(Filters.eq("state", Delivery.PENDING), Filters.lte("nextAttemptAt", Date.from(now)),
                                Filters.lte("claimExpiresAt", Date.from(now))),
                        Updates.combine(Updates.set("claimedBy", owner),
                                Updates.set("claimExpiresAt", Date.from(now.plus(ttl)))),
                        new FindOneAndUpdateOptions().sort(Sorts.ascending("nextAttemptAt"))
                                .returnDocument(ReturnDocument.AFTER))
                .map(d -> d == null ? null : Delivery.of(d));
    }

    /**
     * Records attempt {@code attempt.attempt()} and releases the claim, only if {@code owner} still holds it for that
     * attempt; false when the claim was lost (expired and taken by another replica).
     */
    public Uni<Boolean> record(String id, String owner, Delivery.Attempt attempt, String state, Instant nextAttemptAt) {
        List<Bson> updates = new ArrayList<>(List.of(Updates.push("log", attempt.toDocument()),
                Updates.set("attempts", attempt.attempt()), Updates.set("state", state),
                Updates.set("nextAttemptAt", Date.from(nextAttemptAt)), Updates.set("claimExpiresAt", UNCLAIMED),
                Updates.unset("claimedBy")));
        if (Delivery.DELIVERED.equals(state)) {
            updates.add(Updates.set("deliveredAt", Date.from(attempt.at())));
        }
        return deliveries.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("claimedBy", owner),
                        Filters.eq("attempts", attempt.attempt() - 1)), Updates.combine(updates))
                .map(r -> r.getMatchedCount() == 1);
    }

    /** Holds a claimed delivery of a paused subscription: no attempt is counted, the claim is released. */
    public Uni<Void> hold(String id, String owner) {
        return deliveries.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("claimedBy", owner),
                        Filters.eq("state", Delivery.PENDING)),
                        Updates.combine(Updates.set("state", Delivery.HELD), Updates.set("claimExpiresAt", UNCLAIMED),
                                Updates.unset("claimedBy")))
                .replaceWithVoid();
    }

    /** Makes held deliveries of the subscription (or just {@code id}, when given) due now. */
    public Uni<Void> release(String subscriptionId, String id, Instant now) {
        Bson held = Filters.and(Filters.eq("sub", subscriptionId), Filters.eq("state", Delivery.HELD));
        return deliveries.updateMany(id == null ? held : Filters.and(held, Filters.eq("_id", id)),
                        Updates.combine(Updates.set("state", Delivery.PENDING), Updates.set("nextAttemptAt", Date.from(now))))
                .replaceWithVoid();
    }

    /** Newest first; {@code before} is the {@code next} of the previous page. */
    public Uni<List<Delivery>> list(String workspace, String subscriptionId, String state, String before, int limit) {
        List<Bson> filters = new ArrayList<>(List.of(Filters.eq("ws", workspace), Filters.eq("sub", subscriptionId)));
        if (state != null) {
            filters.add(Filters.eq("state", state));
        }
        if (before != null) {
            filters.add(Filters.lt("sk", before));
        }
        return deliveries.find(Filters.and(filters), new FindOptions().sort(Sorts.descending("sk")).limit(limit))
                .map(Delivery::of).collect().asList();
    }

    public Uni<Delivery> find(String workspace, String subscriptionId, String id) {
        return deliveries.find(Filters.and(Filters.eq("ws", workspace), Filters.eq("sub", subscriptionId),
                        Filters.eq("_id", id)))
                .collect().first().map(d -> d == null ? null : Delivery.of(d));
    }

    /**
     * Queues the delivery again from its first attempt, with the same id and payload; the log keeps the earlier
     * attempts. Not while an attempt is in flight: null then.
     */
    public Uni<Delivery> replay(String workspace, String subscriptionId, String id, Instant now) {
        return deliveries.findOneAndUpdate(
                        Filters.and(Filters.eq("ws", workspace), Filters.eq("sub", subscriptionId), Filters.eq("_id", id),
                                Filters.lte("claimExpiresAt", Date.from(now))),
                        Updates.combine(Updates.set("state", Delivery.PENDING), Updates.set("attempts", 0),
                                Updates.set("nextAttemptAt", Date.from(now)), Updates.inc("replays", 1)),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER))
                .map(d -> d == null ? null : Delivery.of(d));
    }

    public static String sortKey(Instant createdAt, String id) {
        return String.format("%013d", createdAt.toEpochMilli()) + id;
    }
}
