package io.effortmap.metrics.alert.service;

import io.effortmap.metrics.alert.repository.Alert;
import io.effortmap.metrics.alert.repository.AlertRepository;
import io.effortmap.metrics.alert.rest.AlertView;
import io.effortmap.metrics.webhook.service.WebhookOutbox;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Hands the {@code alert.opened} and {@code alert.resolved} events recorded on alerts to the webhook outbox, then
 * takes them off the alert. The outbox ignores an event it already has, so a crash between the two steps only
 * repeats the first one.
 */
@ApplicationScoped
public class AlertEvents {

    static final int BATCH = 100;

    private final AlertRepository alerts;
    private final WebhookOutbox outbox;

    AlertEvents(AlertRepository alerts, WebhookOutbox outbox) {
        this.alerts = alerts;
        this.outbox = outbox;
    }

    /** {@code workspace} null: every workspace (the periodic sweep picks up what a crashed replica left). */
    public Uni<Void> flush(String workspace) {
        return alerts.withUnsentEvents(workspace, BATCH)
                .onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                .onItem().transformToMultiAndConcatenate(alert -> Multi.createFrom().iterable(alert.unsent())
                        .onItem().transformToUniAndConcatenate(type -> send(alert, type)))
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> send(Alert alert, String type) {
        Instant at = type.equals("alert.resolved") ? alert.resolvedAt() : alert.openedAt();
        return outbox.publish(alert.workspace(), type, alert.id() + "." + type, at, AlertView.of(alert))
                .chain(() -> alerts.markSent(alert.id(), type));
    }
}
