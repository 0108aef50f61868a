package io.effortmap.metrics.webhook.rest;

import io.effortmap.metrics.webhook.repository.Webhook;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A subscription as every read shows it: never with its secret. */
@Schema(name = "Webhook")
public record WebhookView(String id, String url, @Schema(nullable = true) String description, List<String> eventTypes,
        long version, Instant createdAt, Instant updatedAt, String createdBy,
        @Schema(description = "Paused: deliveries are kept (HELD), not sent, until it is resumed") boolean paused,
        @Schema(nullable = true) Instant pausedAt) {

    public static WebhookView of(Webhook w) {
        return new WebhookView(w.id(), w.url(), w.description(), w.eventTypes(), w.version(), w.createdAt(),
                w.updatedAt(), w.createdBy(), w.paused(), w.pausedAt());
    }
}
