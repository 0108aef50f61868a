package io.effortmap.metrics.webhook.repository;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * A webhook subscription (collection {@code webhooks}). The secret is kept as issued because signing needs it; it is
 * shown to the caller once, when it is created or rotated. After a rotation the previous secret also signs until
 * {@code previousSecretUntil}, so receivers can switch without missing a delivery. While {@code pausedAt} is set the
 * subscription is paused: its deliveries are kept (HELD), not sent.
 */
public record Webhook(String id, String workspace, String url, String description, List<String> eventTypes,
        String secret, String previousSecret, Instant previousSecretUntil, long version, Instant createdAt,
        Instant updatedAt, String createdBy, Instant pausedAt) {

    public boolean paused() {
        return pausedAt != null;
    }

    /** The secrets deliveries are signed with at {@code now}: the current one, and the previous one in its grace. */
    public List<String> signingSecrets(Instant now) {
        return previousSecret != null && previousSecretUntil != null && now.isBefore(previousSecretUntil)
                ? List.of(secret, previousSecret) : List.of(secret);
    }

    Document toDocument() {
        return new Document("_id", id).append("ws", workspace).append("url", url).append("description", description)
                .append("eventTypes", eventTypes).append("secret", secret).append("previousSecret", previousSecret)
                .append("previousSecretUntil", previousSecretUntil == null ? null : Date.from(previousSecretUntil))
                .append("version", version)
                .append("createdAt", Date.from(createdAt)).append("updatedAt", Date.from(updatedAt))
                .append("createdBy", createdBy).append("pausedAt", pausedAt == null ? null : Date.from(pausedAt));
    }

    static Webhook of(Document d) {
        Date previousUntil = d.getDate("previousSecretUntil");
        Date pausedAt = d.getDate("pausedAt");
        return new Webhook(d.getString("_id"), d.getString("ws"), d.getString("url"), d.getString("description"),
                d.getList("eventTypes", String.class), d.getString("secret"), d.getString("previousSecret"),
                previousUntil == null ? null : previousUntil.toInstant(), d.get("version", Number.class).longValue(),
                d.getDate("createdAt").toInstant(), d.getDate("updatedAt").toInstant(), d.getString("createdBy"),
                pausedAt == null ? null : pausedAt.toInstant());
    }
}
