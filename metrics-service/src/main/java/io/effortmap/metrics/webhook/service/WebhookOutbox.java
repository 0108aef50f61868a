package io.effortmap.metrics.webhook.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.effortmap.metrics.webhook.repository.DeliveryRepository;
import io.effortmap.metrics.webhook.repository.DeliveryRepository.NewDelivery;
import io.effortmap.metrics.webhook.repository.Webhook;
import io.effortmap.metrics.webhook.repository.WebhookRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns events into one outbox delivery per subscribed webhook. Deliveries are inserted only if absent, under ids
 * derived from event and subscription, so publishing the same event again (a re-delivered page, a retried flush)
 * adds nothing. Once this answers, the delivery is stored and survives restarts.
 */
@ApplicationScoped
public class WebhookOutbox {

    private final WebhookRepository webhooks;
    private final DeliveryRepository deliveries;
    private final ObjectMapper json;

    WebhookOutbox(WebhookRepository webhooks, DeliveryRepository deliveries, ObjectMapper json) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.json = json;
    }

    public Uni<Void> publish(String workspace, String type, String id, Instant at, Object data) {
        return publish(List.of(new WebhookEvent(workspace, type, id, at, data)));
    }

    public Uni<Void> publish(List<WebhookEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Set<String> workspaces = events.stream().map(WebhookEvent::workspace).collect(Collectors.toSet());
        Set<String> types = events.stream().map(WebhookEvent::type).collect(Collectors.toSet());
        return webhooks.subscribed(workspaces, types).chain(subscriptions -> {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            List<NewDelivery> fresh = new ArrayList<>();
            for (WebhookEvent event : events) {
                String payload = null;
                for (Webhook webhook : subscriptions) {
                    // Only what happens after the subscription exists: a rebuild reading the feed from its start
                    // must not replay history to it.
                    if (!webhook.workspace().equals(event.workspace()) || !webhook.eventTypes().contains(event.type())
                            || event.at().isBefore(webhook.createdAt())) {
                        continue;
                    }
                    if (payload == null) {
                        payload = payload(event);
                    }
                    fresh.add(new NewDelivery(WebhookSigner.messageId(event.id(), webhook.id()), event.workspace(),
                            webhook.id(), event.id(), event.type(), payload, now));
                }
            }
            return deliveries.insertIfAbsent(fresh);
        });
    }

    /** The body every attempt sends: {@code type}, {@code timestamp} of the event and its {@code data}. */
    private String payload(WebhookEvent event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", event.type());
        body.put("timestamp", event.at().toString());
        body.put("data", event.data());
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event " + event.type() + " cannot be written as JSON", e);
        }
    }
}
