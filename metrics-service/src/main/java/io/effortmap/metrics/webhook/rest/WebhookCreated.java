package io.effortmap.metrics.webhook.rest;

import io.effortmap.metrics.webhook.repository.Webhook;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to creating a subscription: the only time its signing secret is shown. */
@Schema(name = "WebhookCreated")
public record WebhookCreated(String id, String url, @Schema(nullable = true) String description,
        List<String> eventTypes, long version, Instant createdAt, Instant updatedAt, String createdBy,
        @Schema(description = "whsec_ + base64 of 32 bytes; store it now, it is not shown again") String secret) {

    public static WebhookCreated of(Webhook w) {
        return new WebhookCreated(w.id(), w.url(), w.description(), w.eventTypes(), w.version(), w.createdAt(),
                w.updatedAt(), w.createdBy(), w.secret());
    }
}
