package io.effortmap.metrics.webhook.service;

import io.effortmap.metrics.config.MetricsConfig;
import io.effortmap.metrics.webhook.repository.Delivery;
import io.effortmap.metrics.webhook.repository.DeliveryRepository;
import io.effortmap.metrics.webhook.repository.Webhook;
import io.effortmap.metrics.webhook.repository.WebhookRepository;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.ext.web.codec.BodyCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Sends due deliveries. Each poll claims up to {@code batch-size} deliveries (each claim atomic, so replicas never
 * share one) and sends them in parallel, each with its own timeout: a slow or failing receiver delays only its own
 * deliveries. A non-2xx answer, a timeout or a connection error is retried after {@code retry-base × 2^(n-1)}
 * (at most {@code retry-max}); after {@code max-attempts} the delivery is FAILED until someone replays it.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);

    private final DeliveryRepository deliveries;
    private final WebhookRepository webhooks;
    private final MetricsConfig config;
    private final Vertx vertx;
    private final String instance = UUID.randomUUID().toString();
    private final AtomicBoolean running = new AtomicBoolean();
    private WebClient client;

    WebhookDispatcher(DeliveryRepository deliveries, WebhookRepository webhooks, MetricsConfig config, Vertx vertx) {
        this.deliveries = deliveries;
        this.webhooks = webhooks;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        // No redirects: the receiver is the url an admin registered, not wherever it points to.
        client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false)
                .setConnectTimeout((int) config.webhooks().timeout().toMillis())
                .setUserAgent("Effortmap-Webhooks/1.0"));
        if (config.webhooks().dispatch() && running.compareAndSet(false, true)) {
            schedule(Duration.ZERO);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        running.set(false);
        if (client != null) {
            client.close();
        }
    }

    private void schedule(Duration delay) {
        if (!running.get()) {
            return;
        }
        vertx.setTimer(Math.max(1, delay.toMillis()), id -> pollOnce().subscribe().with(
                claimed -> schedule(claimed >= config.webhooks().batchSize() ? Duration.ZERO : config.webhooks().pollInterval()),
                failure -> {
                    LOG.warnf("Webhook dispatch failed, retrying: %s", failure.toString());
                    schedule(config.webhooks().pollInterval());
                }));
    }

    /** Claims and sends one batch; answers how many deliveries were claimed. */
    Uni<Integer> pollOnce() {
        return claimBatch(new ArrayList<>()).chain(batch -> batch.isEmpty() ? Uni.createFrom().item(0)
                : Multi.createFrom().iterable(batch)
                        .onItem().transformToUniAndMerge(this::attempt)
                        .collect().asList().replaceWith(batch.size()));
    }

    private Uni<List<Delivery>> claimBatch(List<Delivery> claimed) {
        if (claimed.size() >= config.webhooks().batchSize()) {
            return Uni.createFrom().item(claimed);
        }
        return deliveries.claim(instance, Instant.now(), config.webhooks().claimTtl()).chain(d -> {
            if (d == null) {
                return Uni.createFrom().item(claimed);
            }
            claimed.add(d);
            return claimBatch(claimed);
        });
    }

    /** One attempt, always ending in a recorded outcome; never fails the batch. */
    private Uni<Boolean> attempt(Delivery delivery) {
        int number = delivery.attempts() + 1;
        Instant started = Instant.now();
        return webhooks.find(delivery.subscriptionId())
                .chain(webhook -> webhook == null
                        ? Uni.createFrom().item(new Outcome(null, "subscription deleted", true))
                        : send(webhook, delivery))
                .onFailure().recoverWithItem(e -> new Outcome(null, describe(e), false))
                .chain(outcome -> record(delivery, number, started, outcome))
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Recording webhook delivery %s failed: %s", delivery.id(), e.toString());
                    return false;
                });
    }

    private record Outcome(Integer statusCode, String error, boolean permanent) {

        boolean delivered() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    private Uni<Outcome> send(Webhook webhook, Delivery delivery) {
        long timestamp = Instant.now().getEpochSecond();
        long timeout = config.webhooks().timeout().toMillis();
        return client.requestAbs(HttpMethod.POST, webhook.url())
                .timeout(timeout)
                .as(BodyCodec.none())
                .putHeader("content-type", "application/json")
                .putHeader("webhook-id", delivery.id())
                .putHeader("webhook-timestamp", Long.toString(timestamp))
                .putHeader("webhook-signature", WebhookSigner.sign(webhook.secret(), delivery.id(), timestamp,
                        delivery.payload()))
                .sendBuffer(Buffer.buffer(delivery.payload()))
                .ifNoItem().after(Duration.ofMillis(timeout)).failWith(() -> new TimeoutException())
                .map(response -> new Outcome(response.statusCode(),
                        response.statusCode() / 100 == 2 ? null : "HTTP " + response.statusCode(), false));
    }

    private Uni<Boolean> record(Delivery delivery, int number, Instant started, Outcome outcome) {
        Instant now = Instant.now();
        Delivery.Attempt attempt = new Delivery.Attempt(number, started.truncatedTo(ChronoUnit.MILLIS),
                outcome.statusCode(), outcome.error(), Duration.between(started, now).toMillis());
        String state;
        Instant next = now;
        if (outcome.delivered()) {
            state = Delivery.DELIVERED;
        } else if (outcome.permanent() || number >= config.webhooks().maxAttempts()) {
            state = Delivery.FAILED;
        } else {
            state = Delivery.PENDING;
            next = now.plus(backoff(number, config.webhooks().retryBase(), config.webhooks().retryMax()));
        }
        return deliveries.record(delivery.id(), instance, attempt, state, next);
    }

    /** Wait after failed attempt {@code number} (1-based): base, 2×base, 4×base, … capped at {@code max}. */
    static Duration backoff(int number, Duration base, Duration max) {
        int doublings = Math.min(number - 1, 30);
        long millis = base.toMillis() << doublings;
        return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }

    private String describe(Throwable e) {
        if (e instanceof TimeoutException || e.getClass().getSimpleName().contains("Timeout")) {
            return "timeout after " + config.webhooks().timeout().toMillis() + " ms";
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
