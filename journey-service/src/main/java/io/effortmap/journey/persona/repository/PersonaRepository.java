package io.effortmap.journey.persona.repository;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.model.FindOneAndReplaceOptions;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import org.bson.conversions.Bson;

/** Personas, always filtered by workspace with typed filters. Writes are conditional on the version read. */
@ApplicationScoped
public class PersonaRepository implements ReactivePanacheMongoRepositoryBase<PersonaDocument, String> {

    public Uni<Void> ensureIndexes() {
        return mongoCollection().createIndexes(List.of(
                new IndexModel(Indexes.ascending("workspace", "_id"), new IndexOptions().name("workspace_id"))))
                .replaceWithVoid();
    }

    public Uni<Void> insert(PersonaDocument persona) {
        return mongoCollection().insertOne(persona).replaceWithVoid();
    }

    public Uni<PersonaDocument> findInWorkspace(String workspace, String id) {
        return mongoCollection().find(and(eq("workspace", workspace), eq("_id", id)), new FindOptions().limit(1))
                .collect().first();
    }

    public Uni<List<PersonaDocument>> list(String workspace, String after, int limit) {
        Bson filter = after == null ? eq("workspace", workspace) : and(eq("workspace", workspace), gt("_id", after));
        return mongoCollection().find(filter, new FindOptions().sort(Sorts.ascending("_id")).limit(limit)).collect().asList();
    }

    /** The ids among {@code ids} that name personas of the workspace. */
    public Uni<List<String>> existingIds(String workspace, Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return mongoCollection().find(and(eq("workspace", workspace), in("_id", ids)),
                        new FindOptions().projection(Projections.include("_id")))
                .map(p -> p.id).collect().asList();
    }

    /** Replaces the persona only if it is still at {@code expectedVersion}; null when it is not (stale or gone). */
    public Uni<PersonaDocument> replaceIfVersion(PersonaDocument replacement, long expectedVersion) {
        return mongoCollection().findOneAndReplace(
                and(eq("workspace", replacement.workspace), eq("_id", replacement.id), eq("version", expectedVersion)),
                replacement, new FindOneAndReplaceOptions().returnDocument(ReturnDocument.AFTER));
    }

    /** Deletes the persona only if it is still at {@code expectedVersion}; true when it was deleted. */
    public Uni<Boolean> deleteIfVersion(String workspace, String id, long expectedVersion) {
        return mongoCollection().deleteOne(and(eq("workspace", workspace), eq("_id", id), eq("version", expectedVersion)))
                .map(r -> r.getDeletedCount() == 1);
    }
}
