package io.effortmap.metrics.alert.repository;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Alert rules, always filtered by workspace. Changes are conditional on the version the client read. */
@ApplicationScoped
public class AlertRuleRepository {

    private final ReactiveMongoCollection<Document> rules;

    AlertRuleRepository(ReactiveMongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.rules = mongo.getDatabase(database).getCollection("alertRules");
    }

    void createIndexes(@Observes StartupEvent event) {
        rules.createIndex(Indexes.ascending("ws", "enabled")).subscribe().with(name -> { }, failure -> { });
    }

    public Uni<Void> insert(AlertRule rule) {
        return rules.insertOne(rule.toDocument()).replaceWithVoid();
    }

    public Uni<AlertRule> find(String workspace, String id) {
        return rules.find(Filters.and(Filters.eq("ws", workspace), Filters.eq("_id", id))).collect().first()
                .map(d -> d == null ? null : AlertRule.of(d));
    }

    /** Ordered by id, i.e. by creation; {@code limit} should be one more than the page size. */
    public Uni<List<AlertRule>> list(String workspace, String after, int limit) {
        Bson filter = after == null ? Filters.eq("ws", workspace)
                : Filters.and(Filters.eq("ws", workspace), Filters.gt("_id", after));
        return rules.find(filter, new FindOptions().sort(Sorts.ascending("_id")).limit(limit))
                .map(AlertRule::of).collect().asList();
    }

    public Uni<List<AlertRule>> enabled(String workspace) {
        return rules.find(Filters.and(Filters.eq("ws", workspace), Filters.eq("enabled", true)))
                .map(AlertRule::of).collect().asList();
    }

    public Uni<List<String>> workspacesWithEnabledRules() {
        return rules.distinct("ws", Filters.eq("enabled", true), String.class).collect().asList();
    }

    /** Replaces the rule only while it is at {@code expectedVersion}; null when it is not (stale or gone). */
    public Uni<AlertRule> replaceIfVersion(AlertRule replacement, long expectedVersion) {
        Document fields = replacement.toDocument();
        fields.remove("_id");
        return rules.findOneAndUpdate(
                        Filters.and(Filters.eq("ws", replacement.workspace()), Filters.eq("_id", replacement.id()),
                                Filters.eq("version", expectedVersion)),
                        new Document("$set", fields), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER))
                .map(d -> d == null ? null : AlertRule.of(d));
    }

    public Uni<Boolean> deleteIfVersion(String workspace, String id, long expectedVersion) {
        return rules.deleteOne(Filters.and(Filters.eq("ws", workspace), Filters.eq("_id", id),
                        Filters.eq("version", expectedVersion)))
                .map(r -> r.getDeletedCount() == 1);
    }

}
