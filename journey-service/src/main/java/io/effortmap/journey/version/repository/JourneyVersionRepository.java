package io.effortmap.journey.version.repository;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Published versions; insert-only. Queries are workspace-scoped and typed. */
@ApplicationScoped
public class JourneyVersionRepository implements ReactivePanacheMongoRepositoryBase<JourneyVersionDocument, String> {

    public static final String NUMBER_INDEX = "uniq_workspace_journey_number";

    public Uni<Void> ensureIndexes() {
        return mongoCollection().createIndexes(List.of(
                // One document per version number: two publishers can never both create version n.
                new IndexModel(Indexes.ascending("workspace", "journeyId", "number"),
                        new IndexOptions().name(NUMBER_INDEX).unique(true)),
                new IndexModel(Indexes.ascending("workspace", "journeyId", "touchpointIds"),
                        new IndexOptions().name("workspace_journey_touchpoint"))))
                .replaceWithVoid();
    }

    public Uni<Void> insert(JourneyVersionDocument version) {
        return mongoCollection().insertOne(version).replaceWithVoid();
    }

    public Uni<JourneyVersionDocument> find(String workspace, String journeyId, int number) {
        return mongoCollection().find(and(eq("workspace", workspace), eq("journeyId", journeyId), eq("number", number)),
                new FindOptions().limit(1)).collect().first();
    }

    /** Versions after {@code after} in number order, without their content. */
    public Uni<List<JourneyVersionDocument>> list(String workspace, String journeyId, int after, int limit) {
        return mongoCollection().find(and(eq("workspace", workspace), eq("journeyId", journeyId), gt("number", after)),
                new FindOptions().sort(Sorts.ascending("number")).limit(limit)
                        .projection(Projections.include("journeyId", "number", "journeyVersion", "publishedAt",
                                "publishedBy", "name", "stages.id", "stages.touchpoints.id")))
                .collect().asList();
    }

    /** The latest version of the journey that holds the touchpoint, or null. */
    public Uni<JourneyVersionDocument> latestHolding(String workspace, String journeyId, String touchpointId) {
        return mongoCollection().find(
                and(eq("workspace", workspace), eq("journeyId", journeyId), eq("touchpointIds", touchpointId)),
                new FindOptions().sort(Sorts.descending("number")).limit(1))
                .collect().first();
    }
}
