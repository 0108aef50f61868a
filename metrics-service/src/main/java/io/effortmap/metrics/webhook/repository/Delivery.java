package io.effortmap.metrics.webhook.repository;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * One event for one subscription in the outbox (collection {@code webhookDeliveries}). The id is the
 * {@code webhook-id} header, derived from event and subscription, so the same event never becomes two deliveries and
 * receivers can deduplicate retries and replays. {@code payload} is kept as sent, so every attempt signs the same
 * bytes.
 */
public record Delivery(String id, String workspace, String subscriptionId, String eventId, String eventType,
        String payload, String state, int attempts, Instant nextAttemptAt, Instant createdAt, Instant deliveredAt,
        List<Attempt> log) {

    public static final String PENDING = "PENDING";
    public static final String DELIVERED = "DELIVERED";
    public static final String FAILED = "FAILED";
    /** Kept, not sent, while its subscription is paused; PENDING again when it resumes. */
    public static final String HELD = "HELD";

    /** One attempt: when, how it ended (status code or error), how long it took. */
    public record Attempt(int attempt, Instant at, Integer statusCode, String error, long durationMs) {

        Document toDocument() {
            return new Document("attempt", attempt).append("at", Date.from(at)).append("statusCode", statusCode)
                    .append("error", error).append("durationMs", durationMs);
        }

        static Attempt of(Document d) {
            Number status = d.get("statusCode", Number.class);
            return new Attempt(d.get("attempt", Number.class).intValue(), d.getDate("at").toInstant(),
                    status == null ? null : status.intValue(), d.getString("error"),
                    d.get("durationMs", Number.class).longValue());
        }
    }

    static Delivery of(Document d) {
        Date delivered = d.getDate("deliveredAt");
        return new Delivery(d.getString("_id"), d.getString("ws"), d.getString("sub"), d.getString("eventId"),
                d.getString("type"), d.getString("payload"), d.getString("state"),
                d.get("attempts", Number.class).intValue(), d.getDate("nextAttemptAt").toInstant(),
                d.getDate("createdAt").toInstant(), delivered == null ? null : delivered.toInstant(),
                d.getList("log", Document.class, List.of()).stream().map(Attempt::of).toList());
    }
}
