package io.effortmap.journey.journey.repository;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import org.bson.conversions.Bson;

/**
 * Every query is scoped by workspace and built from typed filters, so client input is only ever a value, never an
 * operator.
 */
@ApplicationScoped
public class JourneyRepository implements ReactivePanacheMongoRepositoryBase<JourneyDocument, String> {

    /** Only what list entries and interaction validation need from the embedded stages. */
    private static final Bson OUTLINE = Projections.exclude(
            "stages.touchpoints.description", "stages.touchpoints.painPoints", "stages.touchpoints.opportunities",
            "stages.touchpoints.ownerTeam", "stages.touchpoints.targets", "stages.touchpoints.expectedEmotion");

    /** Serves the keyset-paginated list of a workspace ({@code workspace = ? and _id > ? order by _id}). */
    public Uni<Void> ensureIndexes() {
        return mongoCollection().createIndexes(List.of(
                new IndexModel(Indexes.ascending("workspace", "_id"), new IndexOptions().name("workspace_id"))))
                .replaceWithVoid();
    }

    public Uni<Void> insert(JourneyDocument journey) {
        return mongoCollection().insertOne(journey).replaceWithVoid();
    }

    public Uni<JourneyDocument> findInWorkspace(String workspace, String id) {
        return mongoCollection().find(and(eq("workspace", workspace), eq("_id", id)), new FindOptions().limit(1))
                .collect().first();
    }

    /**
     * Stores the edited journey only if it is still at {@code expectedVersion}: one conditional write, so of several
     * writers that read the same version exactly one succeeds. False when it was changed (or deleted) meanwhile.
     */
    public Uni<Boolean> replaceIfVersion(JourneyDocument journey, long expectedVersion) {
        return mongoCollection().replaceOne(
                and(eq("workspace", journey.workspace), eq("_id", journey.id), eq("version", expectedVersion)), journey)
                .map(r -> r.getMatchedCount() == 1);
    }

    /** The id of a journey of the workspace that references the persona, or null. */
    public Uni<String> referencingPersona(String workspace, String personaId) {
        return mongoCollection().find(and(eq("workspace", workspace), eq("personaIds", personaId)),
                        new FindOptions().projection(Projections.include("_id")).limit(1))
                .map(j -> j.id).collect().first();
    }

    /** Journeys ordered by id after {@code after} (exclusive, null for the first page), outline only. */
    public Uni<List<JourneyDocument>> listOutlines(String workspace, String after, int limit) {
        Bson filter = after == null ? eq("workspace", workspace) : and(eq("workspace", workspace), gt("_id", after));
        return mongoCollection().find(filter, new FindOptions().sort(Sorts.ascending("_id")).limit(limit).projection(OUTLINE))
                .collect().asList();
    }

    /** Outlines (ids, names, channels) of the given journeys that exist in the workspace. */
    public Uni<List<JourneyDocument>> findOutlines(String workspace, Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return mongoCollection().find(and(eq("workspace", workspace), in("_id", ids)), new FindOptions().projection(OUTLINE))
                .collect().asList();
    }
}
