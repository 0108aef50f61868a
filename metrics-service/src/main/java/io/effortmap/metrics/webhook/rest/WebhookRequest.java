package io.effortmap.metrics.webhook.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/webhooks} and {@code PUT /api/v1/webhooks/{id}} (a PUT replaces every field). */
@Schema(name = "WebhookRequest")
public record WebhookRequest(
        @Schema(description = "https URL receiving POSTs (http only where the service allows it)")
        @NotBlank @Size(max = 2000) String url,
        @Schema(description = "alert.opened, alert.resolved, response.detractor, response.hard_effort")
        @NotNull @Size(min = 1, max = 4) List<@NotNull @Pattern(
                regexp = "alert\\.opened|alert\\.resolved|response\\.detractor|response\\.hard_effort",
                message = "must be one of alert.opened, alert.resolved, response.detractor, response.hard_effort") String> eventTypes,
        @Schema(nullable = true) @Size(max = 200) String description) {
}
