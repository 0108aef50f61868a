package io.effortmap.metrics.webhook.repository;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * A webhook subscription (collection {@code webhooks}). The secret is kept as issued because signing needs it; it is
 * shown to the caller once, when it is created.
 */
public record Webhook(String id, String workspace, String url, String description, List<String> eventTypes,
        String secret, long version, Instant createdAt, Instant updatedAt, String createdBy) {

    Document toDocument() {
        return new Document("_id", id).append("ws", workspace).append("url", url).append("description", description)
                .append("eventTypes", eventTypes).append("secret", secret).append("version", version)
                .append("createdAt", Date.from(createdAt)).append("updatedAt", Date.from(updatedAt))
                .append("createdBy", createdBy);
    }

    static Webhook of(Document d) {
        return new Webhook(d.getString("_id"), d.getString("ws"), d.getString("url"), d.getString("description"),
                d.getList("eventTypes", String.class), d.getString("secret"), d.get("version", Number.class).longValue(),
                d.getDate("createdAt").toInstant(), d.getDate("updatedAt").toInstant(), d.getString("createdBy"));
    }
}
