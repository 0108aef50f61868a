package io.effortmap.metrics.webhook.rest;

import io.effortmap.metrics.webhook.repository.Delivery;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One event for one subscription with every attempt made; {@code id} is the webhook-id header sent. */
@Schema(name = "WebhookDelivery")
public record DeliveryView(String id, String eventId, String eventType,
        @Schema(enumeration = {"PENDING", "HELD", "DELIVERED", "FAILED"}) String state, int attempts,
        @Schema(description = "When the next attempt is due (PENDING)") Instant nextAttemptAt, Instant createdAt,
        @Schema(nullable = true) Instant deliveredAt, @Schema(description = "The body every attempt sends") String payload,
        List<AttemptView> log) {

    @Schema(name = "WebhookAttempt")
    public record AttemptView(int attempt, Instant at, @Schema(nullable = true) Integer statusCode,
            @Schema(nullable = true) String error, long durationMs) {
    }

    public static DeliveryView of(Delivery d) {
        return new DeliveryView(d.id(), d.eventId(), d.eventType(), d.state(), d.attempts(), d.nextAttemptAt(),
                d.createdAt(), d.deliveredAt(), d.payload(), d.log().stream()
                        .map(a -> new AttemptView(a.attempt(), a.at(), a.statusCode(), a.error(), a.durationMs()))
                        .toList());
    }
}
