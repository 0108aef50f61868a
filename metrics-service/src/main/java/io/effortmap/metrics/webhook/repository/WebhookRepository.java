package io.effortmap.metrics.webhook.repository;

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
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Webhook subscriptions, always filtered by workspace. Changes are conditional on the version the client read. */
@ApplicationScoped
public class WebhookRepository {

    private final ReactiveMongoCollection<Document> webhooks;

    WebhookRepository(ReactiveMongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.webhooks = mongo.getDatabase(database).getCollection("webhooks");
    }

    void createIndexes(@Observes StartupEvent event) {
        webhooks.createIndex(Indexes.ascending("ws", "eventTypes")).subscribe().with(name -> { }, failure -> { });
    }

    public Uni<Void> insert(Webhook webhook) {
        return webhooks.insertOne(webhook.toDocument()).replaceWithVoid();
    }

    public Uni<Webhook> find(String workspace, String id) {
        return webhooks.find(Filters.and(Filters.eq("ws", workspace), Filters.eq("_id", id))).collect().first()
                .map(d -> d == null ? null : Webhook.of(d));
    }

    /** By id alone: the dispatcher signs a delivery with its subscription's current secret and url. */
    public Uni<Webhook> find(String id) {
        return webhooks.find(Filters.eq("_id", id)).collect().first().map(d -> d == null ? null : Webhook.of(d));
    }

    public Uni<List<Webhook>> list(String workspace, String after, int limit) {
        Bson filter = after == null ? Filters.eq("ws", workspace)
                : Filters.and(Filters.eq("ws", workspace), Filters.gt("_id", after));
        return webhooks.find(filter, new FindOptions().sort(Sorts.ascending("_id")).limit(limit))
                .map(Webhook::of).collect().asList();
    }

    /** Subscriptions of these workspaces to any of these event types. */
    public Uni<List<Webhook>> subscribed(Collection<String> workspaces, Collection<String> eventTypes) {
        return webhooks.find(Filters.and(Filters.in("ws", workspaces), Filters.in("eventTypes", eventTypes)))
                .map(Webhook::of).collect().asList();
    }

    /** Replaces url, description and event types while at {@code expectedVersion}; null when stale or gone. */
    public Uni<Webhook> updateIfVersion(Webhook replacement, long expectedVersion) {
        Document fields = replacement.toDocument();
        fields.remove("_id");
        fields.remove("secret");
        fields.remove("previousSecret");
        fields.remove("previousSecretUntil");
        fields.remove("pausedAt");
        return webhooks.findOneAndUpdate(
                        Filters.and(Filters.eq("ws", replacement.workspace()), Filters.eq("_id", replacement.id()),
                                Filters.eq("version", expectedVersion)),
                        new Document("$set", fields), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER))
                .map(d -> d == null ? null : Webhook.of(d));
    }

    /** New secret while at {@code expectedVersion}; the current one signs too until {@code graceUntil}. */
    public Uni<Webhook> rotateIfVersion(String workspace, String id, long expectedVersion, String secret,
            String previous, Instant graceUntil, Instant now) {
        return webhooks.findOneAndUpdate(
                        Filters.and(Filters.eq("ws", workspace), Filters.eq("_id", id),
                                Filters.eq("version", expectedVersion)),
                        Updates.combine(Updates.set("secret", secret), Updates.set("previousSecret", previous),
                                Updates.set("previousSecretUntil", Date.from(graceUntil)),
                                Updates.set("version", expectedVersion + 1), Updates.set("updatedAt", Date.from(now))),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER))
                .map(d -> d == null ? null : Webhook.of(d));
    }

    /** Pauses ({@code pausedAt} set) or resumes ({@code null}) while at {@code expectedVersion}; null when stale or gone. */
    public Uni<Webhook> pauseIfVersion(String workspace, String id, long expectedVersion, Instant pausedAt, Instant now) {
        return webhooks.findOneAndUpdate(
                        Filters.and(Filters.eq("ws", workspace), Filters.eq("_id", id),
                                Filters.eq("version", expectedVersion)),
                        Updates.combine(Updates.set("pausedAt", pausedAt == null ? null : Date.from(pausedAt)),
                                Updates.set("version", expectedVersion + 1), Updates.set("updatedAt", Date.from(now))),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER))
                .map(d -> d == null ? null : Webhook.of(d));
    }

    public Uni<Boolean> deleteIfVersion(String workspace, String id, long expectedVersion) {
        return webhooks.deleteOne(Filters.and(Filters.eq("ws", workspace), Filters.eq("_id", id),
                        Filters.eq("version", expectedVersion)))
                .map(r -> r.getDeletedCount() == 1);
    }
}
