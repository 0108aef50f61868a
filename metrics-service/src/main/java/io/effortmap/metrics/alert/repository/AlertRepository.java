package io.effortmap.metrics.alert.repository;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.effortmap.metrics.support.MongoErrors;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import io.effortmap.metrics.alert.service.Observation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Alerts, always filtered by workspace. The alert holding a rule's slot has {@code active = "open"}, every other one
 * its own id, and {@code {ruleId, active}} is unique: so a rule has at most one alert in its slot, whatever number of
 * evaluators race to open one. The slot holds the non-resolved alert, or one resolved by hand while its condition
 * still held: opening then only updates that alert, so the rule stays quiet until an evaluation finds the condition
 * cleared and releases the slot. Resolving and opening touch the same document, so no ordering of the two can open a
 * second alert.
 */
@ApplicationScoped
public class AlertRepository {

    static final String ACTIVE = "open";

    private final ReactiveMongoCollection<Document> alerts;
    /** Opening relies on the unique index, so no alert is written before it exists; creating it again is a no-op. */
    private volatile boolean indexed;

    AlertRepository(ReactiveMongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.alerts = mongo.getDatabase(database).getCollection("alerts");
    }

    private Uni<Void> indexes() {
        if (indexed) {
            return Uni.createFrom().voidItem();
        }
        return alerts.createIndex(Indexes.ascending("ruleId", "active"), new IndexOptions().unique(true))
                .chain(() -> alerts.createIndex(Indexes.ascending("ws", "_id")))
                .chain(() -> alerts.createIndex(Indexes.ascending("unsent")))
                .invoke(() -> indexed = true)
                .replaceWithVoid();
    }

    /**
     * Opens the rule's alert unless an alert holds its slot, which then only gets {@code latest}; true when this call
     * opened it. The new alert carries {@code alert.opened} in {@code unsent}.
     */
    public Uni<Boolean> openOrUpdate(String newId, String workspace, String ruleId, String ruleName, String metric,
            String scoring, String condition, Observation observation, Instant now) {
        Bson update = Updates.combine(
                Updates.setOnInsert(new Document("_id", newId).append("ws", workspace).append("ruleName", ruleName)
                        .append("metric", metric).append("scoring", scoring).append("condition", condition)
                        .append("state", Alert.OPEN).append("openedAt", Date.from(now))
                        .append("observed", ObservationMapper.toDocument(observation)).append("unsent", List.of("alert.opened"))),
                Updates.set("latest", ObservationMapper.toDocument(observation)),
                Updates.set("lastEvaluatedAt", Date.from(now)));
        return indexes().chain(() -> alerts.updateOne(
                        Filters.and(Filters.eq("ruleId", ruleId), Filters.eq("active", ACTIVE)), update,
                        new UpdateOptions().upsert(true)))
                .map(result -> result.getUpsertedId() != null)
                // Another evaluator opened it between our filter and our insert: it is open, once.
                .onFailure(MongoErrors::isDuplicateKey).recoverWithItem(false);
    }

    /** The alert in the rule's slot: not resolved, or resolved by hand and not released yet; null when none. */
    public Uni<Alert> active(String workspace, String ruleId) {
        return alerts.find(Filters.and(Filters.eq("ws", workspace), Filters.eq("ruleId", ruleId),
                        Filters.eq("active", ACTIVE)))
                .collect().first().map(d -> d == null ? null : Alert.of(d));
    }

    /**
     * Resolves the alert if it is not resolved yet; the resolved alert, or null when it already was. {@code holdSlot}
     * (a hand resolve while the condition may still hold) keeps it in the rule's slot; otherwise the slot is freed.
     */
    public Uni<Alert> resolve(String workspace, String id, String by, Observation latest, Instant now, boolean holdSlot) {
        List<Bson> updates = new ArrayList<>(List.of(Updates.set("state", Alert.RESOLVED),
                Updates.set("resolvedAt", Date.from(now)), Updates.set("resolvedBy", by),
                Updates.addToSet("unsent", "alert.resolved")));
        if (!holdSlot) {
            updates.add(Updates.set("active", id));
        }
        if (latest != null) {
            updates.add(Updates.set("latest", ObservationMapper.toDocument(latest)));
            updates.add(Updates.set("lastEvaluatedAt", Date.from(now)));
        }
        return alerts.findOneAndUpdate(
                        Filters.and(Filters.eq("ws", workspace), Filters.eq("_id", id), Filters.ne("state", Alert.RESOLVED)),
                        Updates.combine(updates), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER))
                .map(d -> d == null ? null : Alert.of(d));
    }

    /** Frees the slot a resolved alert still holds, so the rule may open a new alert. */
    public Uni<Void> release(String workspace, String id) {
        return alerts.updateOne(Filters.and(Filters.eq("ws", workspace), Filters.eq("_id", id),
                        Filters.eq("state", Alert.RESOLVED), Filters.eq("active", ACTIVE)), Updates.set("active", id))
                .replaceWithVoid();
    }

    /** OPEN → ACKNOWLEDGED; null when the alert is not OPEN (or not there). */
    public Uni<Alert> acknowledge(String workspace, String id, String by, Instant now) {
        return alerts.findOneAndUpdate(
                        Filters.and(Filters.eq("ws", workspace), Filters.eq("_id", id), Filters.eq("state", Alert.OPEN)),
                        Updates.combine(Updates.set("state", Alert.ACKNOWLEDGED),
                                Updates.set("acknowledgedAt", Date.from(now)), Updates.set("acknowledgedBy", by)),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER))
                .map(d -> d == null ? null : Alert.of(d));
    }

    public Uni<Alert> find(String workspace, String id) {
        return alerts.find(Filters.and(Filters.eq("ws", workspace), Filters.eq("_id", id))).collect().first()
                .map(d -> d == null ? null : Alert.of(d));
    }

    /** Newest first (ids sort by creation time); {@code limit} should be one more than the page size. */
    public Uni<List<Alert>> list(String workspace, String state, String ruleId, String before, int limit) {
        List<Bson> filters = new ArrayList<>(List.of(Filters.eq("ws", workspace)));
        if (state != null) {
            filters.add(Filters.eq("state", state));
        }
        if (ruleId != null) {
            filters.add(Filters.eq("ruleId", ruleId));
        }
        if (before != null) {
            filters.add(Filters.lt("_id", before));
        }
        return alerts.find(Filters.and(filters), new FindOptions().sort(Sorts.descending("_id")).limit(limit))
                .map(Alert::of).collect().asList();
    }

    /** Alerts with events still to hand to the outbox, of one workspace or (null) of all. */
    public Uni<List<Alert>> withUnsentEvents(String workspace, int limit) {
        Bson unsent = Filters.in("unsent", "alert.opened", "alert.resolved");
        return alerts.find(workspace == null ? unsent : Filters.and(Filters.eq("ws", workspace), unsent),
                        new FindOptions().limit(limit))
                .map(Alert::of).collect().asList();
    }

    public Uni<Void> markSent(String id, String eventType) {
        return alerts.updateOne(Filters.eq("_id", id), Updates.pull("unsent", eventType)).replaceWithVoid();
    }
}
