package io.effortmap.journey.interaction.repository;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.effortmap.journey.support.MongoErrors;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.bson.conversions.Bson;

/** Interactions and feed positions. Filters are typed ({@code Filters.eq}); client values are never operators. */
@ApplicationScoped
public class InteractionRepository implements ReactivePanacheMongoRepositoryBase<InteractionDocument, String> {

    public static final String IDEMPOTENCY_INDEX = "uniq_workspace_source_externalId";
    public static final String POSITION_INDEX = "uniq_seq";

    public Uni<Void> ensureIndexes() {
        return mongoCollection().createIndexes(List.of(
                // Idempotency of pushes: one interaction per (workspace, source, externalId).
                new IndexModel(Indexes.ascending("workspace", "source", "externalId"),
                        new IndexOptions().name(IDEMPOTENCY_INDEX).unique(true)),
                // Feed order, and the arbiter between a late insert and a gap marker for the same position.
                new IndexModel(Indexes.ascending("seq"), new IndexOptions().name(POSITION_INDEX).unique(true)),
                // Interactions of a touchpoint over time (analytics, later per-touchpoint listings).
                new IndexModel(Indexes.ascending("workspace", "journeyId", "touchpointId", "occurredAt"),
                        new IndexOptions().name("workspace_touchpoint_occurredAt")),
                // Customer timelines in time order (keyset on occurredAt, _id).
                new IndexModel(Indexes.ascending("workspace", "customerId", "occurredAt", "_id"),
                        new IndexOptions().name("workspace_customer_occurredAt_id"))))
                .replaceWithVoid();
    }

    /**
     * Inserts all documents unordered; returns the list indexes that failed on a unique key (an existing interaction
     * with the same key, or a position already taken). Any other failure fails the Uni.
     */
    public Uni<Set<Integer>> insertAll(List<InteractionDocument> docs) {
        if (docs.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return mongoCollection().insertMany(docs, new InsertManyOptions().ordered(false))
                .map(ignored -> (Set<Integer>) Set.<Integer>of())
                .onFailure(MongoErrors::isDuplicateKey).recoverWithItem(e -> {
                    Set<Integer> failed = new TreeSet<>();
                    if (e instanceof MongoBulkWriteException bulk) {
                        for (BulkWriteError error : bulk.getWriteErrors()) {
                            failed.add(error.getIndex());
                        }
                    } else {
                        failed.add(0); // a single-document insert reported as a plain write error
                    }
                    return failed;
                });
    }

    /** Ids and external ids of the stored interactions with these keys. */
    public Uni<List<InteractionDocument>> findByKeys(String workspace, String source, Collection<String> externalIds) {
        if (externalIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return mongoCollection().find(
                and(eq("workspace", workspace), eq("source", source), in("externalId", externalIds)),
                new FindOptions().projection(Projections.include("_id", "externalId")))
                .collect().asList();
    }

    /**
     * Interactions of a customer ordered by (occurredAt, id), after the given pair (exclusive; null for the start).
     * Gap markers never match: their workspace is blank.
     */
    public Uni<List<InteractionDocument>> timeline(String workspace, String customerId, Instant afterTime, String afterId,
            int limit) {
        Bson filter = and(eq("workspace", workspace), eq("customerId", customerId));
        if (afterTime != null) {
            filter = and(filter, or(gt("occurredAt", afterTime), and(eq("occurredAt", afterTime), gt("_id", afterId))));
        }
        return mongoCollection().find(filter,
                new FindOptions().sort(Sorts.ascending("occurredAt", "_id")).limit(limit)).collect().asList();
    }

    /** Marks positions that will never hold an interaction. A position already taken is left as it is. */
    public Uni<Void> insertGapMarkers(Collection<Long> positions, Instant now) {
        if (positions.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<InteractionDocument> markers = positions.stream().map(p -> InteractionDocument.gapMarker(p, now)).toList();
        return insertAll(markers).replaceWithVoid();
    }

    /** Up to {@code limit} documents (interactions and gap markers) after a position, in position order. */
    public Uni<List<InteractionDocument>> findAfter(long position, int limit) {
        return mongoCollection().find(gt("seq", position), new FindOptions().sort(Sorts.ascending("seq")).limit(limit))
                .collect().asList();
    }
}
