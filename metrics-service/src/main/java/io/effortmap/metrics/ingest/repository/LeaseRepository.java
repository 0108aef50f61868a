package io.effortmap.metrics.ingest.repository;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One lease per feed, so that with several replicas exactly one consumes a feed at a time. The lease is an
 * optimisation: the bucket writes are conditional on the bucket's applied position, so even two holders cannot
 * double count. A feed's holder also records in it how far its reading has got ({@link Progress}), so every replica
 * can report the feed's staleness.
 */
@ApplicationScoped
public class LeaseRepository {

    private final ReactiveMongoCollection<Document> leases;

    LeaseRepository(ReactiveMongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.leases = mongo.getDatabase(database).getCollection("leases");
    }

    /**
     * When the holder last read its feed to the end or applied a page of it, and when the newest item it applied was
     * received by its service; null when not known yet.
     */
    public record Progress(Instant readAt, Instant newestItemAt) {
    }

    /** A lease as every replica can read it. */
    public record Lease(String feed, String owner, Instant expiresAt, Progress progress) {
    }

    /** Takes or renews the lease; answers whether {@code owner} holds it now. */
    public Uni<Boolean> acquire(String feed, String owner, Duration ttl) {
        return acquire(feed, owner, ttl, null);
    }

    /** Takes or renews the lease, recording the holder's progress; answers whether {@code owner} holds it now. */
    public Uni<Boolean> acquire(String feed, String owner, Duration ttl, Progress progress) {
        Instant now = Instant.now();
        List<Bson> updates = new ArrayList<>(List.of(Updates.set("owner", owner),
                Updates.set("expiresAt", Date.from(now.plus(ttl)))));
        if (progress != null && progress.readAt() != null) {
            updates.add(Updates.set("readAt", Date.from(progress.readAt())));
        }
        if (progress != null && progress.newestItemAt() != null) {
            updates.add(Updates.max("newestItemAt", Date.from(progress.newestItemAt())));
        }
        return leases.findOneAndUpdate(
                        Filters.and(Filters.eq("_id", feed),
                                Filters.or(Filters.eq("owner", owner), Filters.lt("expiresAt", Date.from(now)))),
                        Updates.combine(updates),
                        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER))
                .map(doc -> doc != null && owner.equals(doc.getString("owner")))
                // Someone else holds a live lease: the upsert collided with their document.
                .onFailure(LeaseRepository::isDuplicateKey).recoverWithItem(false);
    }

    /**
     * Gives the lease up at once (on a clean shutdown), so another replica takes over at its next attempt instead of
     * after the lease's time to live; the recorded progress stays.
     */
    public Uni<Void> release(String feed, String owner) {
        return leases.updateOne(Filters.and(Filters.eq("_id", feed), Filters.eq("owner", owner)),
                Updates.set("expiresAt", new Date(0))).replaceWithVoid();
    }

    /** The leases of some feeds, as stored; feeds never leased are absent. */
    public Uni<List<Lease>> read(List<String> feeds) {
        return leases.find(Filters.in("_id", feeds)).map(doc -> new Lease(doc.getString("_id"),
                doc.getString("owner"), instant(doc.getDate("expiresAt")),
                new Progress(instant(doc.getDate("readAt")), instant(doc.getDate("newestItemAt"))))).collect().asList();
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    static boolean isDuplicateKey(Throwable e) {
        return e instanceof MongoException m
                && (ErrorCategory.fromErrorCode(m.getCode()) == ErrorCategory.DUPLICATE_KEY || m.getCode() == 11000);
    }
}
