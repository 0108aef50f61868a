package io.effortmap.metrics.aggregate.repository;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The bucket generations (collection {@code generations}); every change is conditional, so replicas cannot race. */
@ApplicationScoped
public class GenerationRepository {

    private static final String ID = "buckets";
    /** Readers may use an active generation this long after a switch; a retired copy outlives it by far. */
    private static final long CACHE_NANOS = 1_000_000_000L;

    private final ReactiveMongoCollection<Document> generations;
    private volatile Cached cached;

    private record Cached(int active, long until) {
    }

    @Inject
    public GenerationRepository(ReactiveMongoClient mongo,
            @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.generations = mongo.getDatabase(database).getCollection("generations");
    }

    /** The current state, created as generation 1 on first use (a read on every later call: ingestors poll it). */
    public Uni<Generation> state() {
        return generations.find(Filters.eq("_id", ID)).collect().first()
                .chain(found -> found != null ? Uni.createFrom().item(found)
                        : generations.findOneAndUpdate(Filters.eq("_id", ID), Updates.setOnInsert("active", 1),
                                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)))
                .map(GenerationRepository::generation)
                .invoke(g -> cached = new Cached(g.active(), System.nanoTime() + CACHE_NANOS));
    }

    /** The generation queries read, at most a second old. */
    public Uni<Integer> active() {
        Cached c = cached;
        if (c != null && c.until() - System.nanoTime() > 0) {
            return Uni.createFrom().item(c.active());
        }
        return state().map(Generation::active);
    }

    /** Starts filling generation active + 1; answers the new state, or null when a rebuild is already running. */
    public Uni<Generation> startRebuild(Generation current, String requestedBy) {
        return generations.findOneAndUpdate(
                        Filters.and(Filters.eq("_id", ID), Filters.eq("active", current.active()),
                                Filters.eq("building", null)),
                        Updates.combine(Updates.set("building", current.active() + 1),
                                Updates.set("rebuildStartedAt", new Date()), Updates.set("rebuildRequestedBy", requestedBy)),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER))
                .map(doc -> doc == null ? null : generation(doc));
    }

    /** Makes the rebuilt generation the active one; false when another replica already did. */
    public Uni<Boolean> switchTo(Generation current) {
        return generations.updateOne(
                        Filters.and(Filters.eq("_id", ID), Filters.eq("active", current.active()),
                                Filters.eq("building", current.building())),
                        Updates.combine(Updates.set("active", current.building()), Updates.unset("building"),
                                Updates.set("retired", current.active()), Updates.set("retiredAt", new Date())))
                .map(result -> result.getModifiedCount() == 1);
    }

    /** Forgets the retired generation once its copy is gone. */
    public Uni<Void> forgetRetired(int retired) {
        return generations.updateOne(Filters.and(Filters.eq("_id", ID), Filters.eq("retired", retired)),
                        Updates.combine(Updates.unset("retired"), Updates.unset("retiredAt")))
                .replaceWithVoid();
    }

    private static Generation generation(Document doc) {
        return new Generation(doc.getInteger("active"), doc.getInteger("building"), instant(doc, "rebuildStartedAt"),
                doc.getString("rebuildRequestedBy"), doc.getInteger("retired"), instant(doc, "retiredAt"));
    }

    private static Instant instant(Document doc, String field) {
        Date date = doc.getDate(field);
        return date == null ? null : date.toInstant();
    }
}
