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
import java.util.Date;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One lease per feed, so that with several replicas exactly one consumes a feed at a time. The lease is an
 * optimisation: the bucket writes are conditional on the bucket's applied position, so even two holders cannot
 * double count.
 */
@ApplicationScoped
public class LeaseRepository {

    private final ReactiveMongoCollection<Document> leases;

    LeaseRepository(ReactiveMongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.leases = mongo.getDatabase(database).getCollection("leases");
    }

    /** Takes or renews the lease; answers whether {@code owner} holds it now. */
    public Uni<Boolean> acquire(String feed, String owner, Duration ttl) {
        Instant now = Instant.now();
        return leases.findOneAndUpdate(
                        Filters.and(Filters.eq("_id", feed),
                                Filters.or(Filters.eq("owner", owner), Filters.lt("expiresAt", Date.from(now)))),
                        Updates.combine(Updates.set("owner", owner), Updates.set("expiresAt", Date.from(now.plus(ttl)))),
                        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER))
                .map(doc -> doc != null && owner.equals(doc.getString("owner")))
                // Someone else holds a live lease: the upsert collided with their document.
                .onFailure(LeaseRepository::isDuplicateKey).recoverWithItem(false);
    }

    public Uni<Void> release(String feed, String owner) {
        return leases.deleteOne(Filters.and(Filters.eq("_id", feed), Filters.eq("owner", owner))).replaceWithVoid();
    }

    static boolean isDuplicateKey(Throwable e) {
        return e instanceof MongoException m
                && (ErrorCategory.fromErrorCode(m.getCode()) == ErrorCategory.DUPLICATE_KEY || m.getCode() == 11000);
    }
}
