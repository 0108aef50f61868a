package io.effortmap.metrics.webhook.service;

import io.effortmap.metrics.config.MetricsConfig;
import io.effortmap.metrics.webhook.repository.Delivery;
import io.effortmap.metrics.webhook.repository.DeliveryRepository;
import io.effortmap.metrics.webhook.repository.Webhook;
import io.effortmap.metrics.webhook.repository.WebhookRepository;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.net.SocketAddress;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.ext.web.codec.BodyCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Sends due deliveries. Each poll claims deliveries (each claim atomic, so replicas never share one) up to
 * {@code batch-size} in flight, and sends each with its own timeout, without waiting for the others: a slow or
 * failing receiver holds only the slots of its own deliveries. A non-2xx answer, a timeout or a connection error is
 * retried after {@code retry-base × 2^(n-1)} (at most {@code retry-max}); after {@code max-attempts} the delivery is
 * FAILED until someone replays it.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    /** Wait while every slot is taken: no query is made, so this only bounds how soon a freed slot is used. */
    private static final Duration FULL_WAIT = Duration.ofMillis(20);

    private final DeliveryRepository deliveries;
    private final WebhookRepository webhooks;
    private final MetricsConfig config;
    private final Vertx vertx;
    private final String instance;
    private final WebClient client;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();

    @Inject
    WebhookDispatcher(DeliveryRepository deliveries, WebhookRepository webhooks, MetricsConfig config, Vertx vertx) {
        this(deliveries, webhooks, config, vertx, UUID.randomUUID().toString());
    }

    /** With an explicit instance id, so tests can run several competing dispatchers in one JVM. */
    WebhookDispatcher(DeliveryRepository deliveries, WebhookRepository webhooks, MetricsConfig config, Vertx vertx,
            String instance) {
        this.deliveries = deliveries;
        this.webhooks = webhooks;
        this.config = config;
        this.vertx = vertx;
        this.instance = instance;
        // No redirects: the receiver is the url an admin registered, not wherever it points to. One connection per
        // slot, so deliveries never queue for a connection behind a slow receiver's.
        this.client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false)
                .setConnectTimeout((int) config.webhooks().timeout().toMillis())
                .setMaxPoolSize(config.webhooks().batchSize())
                .setUserAgent("Effortmap-Webhooks/1.0"));
    }

    void start(@Observes StartupEvent event) {
        if (config.webhooks().dispatch() && running.compareAndSet(false, true)) {
            schedule(Duration.ZERO);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        running.set(false);
        client.close();
    }

    private void schedule(Duration delay) {
        if (!running.get()) {
            return;
        }
        vertx.setTimer(Math.max(1, delay.toMillis()), id -> pollOnce().subscribe().with(
                this::schedule,
                failure -> {
                    LOG.warnf("Webhook dispatch failed, retrying: %s", failure.toString());
                    schedule(config.webhooks().pollInterval());
                }));
    }

    /**
     * Claims due deliveries for the free slots and starts their attempts; answers how long to wait before the next
     * poll: none when it filled every free slot (more may be due), a moment while all slots are busy, else the poll
     * interval.
     */
    Uni<Duration> pollOnce() {
        int free = config.webhooks().batchSize() - inFlight.get();
        if (free <= 0) {
            return Uni.createFrom().item(FULL_WAIT);
        }
        return claim(free, 0).map(claimed -> claimed == free ? Duration.ZERO : config.webhooks().pollInterval());
    }

    private Uni<Integer> claim(int free, int claimed) {
        if (claimed >= free) {
            return Uni.createFrom().item(claimed);
        }
        return deliveries.claim(instance, Instant.now(), config.webhooks().claimTtl()).chain(d -> {
            if (d == null) {
                return Uni.createFrom().item(claimed);
            }
            inFlight.incrementAndGet();
            attempt(d).subscribe().with(ok -> inFlight.decrementAndGet(), failure -> inFlight.decrementAndGet());
            return claim(free, claimed + 1);
        });
    }

    /** One attempt, always ending in a recorded outcome; never fails. */
    private Uni<Boolean> attempt(Delivery delivery) {
        int number = delivery.attempts() + 1;
        Instant started = Instant.now();
        return webhooks.find(delivery.subscriptionId()).chain(webhook -> {
            if (webhook != null && webhook.paused()) {
                return hold(delivery);
            }
            return (webhook == null ? Uni.createFrom().item(new Outcome(null, "subscription deleted", true))
                    : send(webhook, delivery))
                    .onFailure().recoverWithItem(e -> new Outcome(null, describe(e), false))
                    .chain(outcome -> record(delivery, number, started, outcome));
        }).onFailure().recoverWithItem(e -> {
            LOG.warnf("Recording webhook delivery %s failed: %s", delivery.id(), e.toString());
            return false;
        });
    }

    /**
     * Holds a delivery of a paused subscription, then looks at the subscription again: had it been resumed meanwhile,
     * its resume may have released the held deliveries before this one was held, so this one is released too.
     */
    private Uni<Boolean> hold(Delivery delivery) {
        return deliveries.hold(delivery.id(), instance)
                .chain(() -> webhooks.find(delivery.subscriptionId()))
                .chain(again -> again != null && !again.paused()
                        ? deliveries.release(delivery.subscriptionId(), delivery.id(), Instant.now())
                        : Uni.createFrom().voidItem())
                .replaceWith(false);
    }

    private record Outcome(Integer statusCode, String error, boolean permanent) {

        boolean delivered() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    /**
     * Unless private receivers are allowed, the url's host is resolved (on a worker thread: the JDK resolver blocks)
     * and the request goes to the address that was checked; a name with any non-public address is refused for good.
     */
    private Uni<Outcome> send(Webhook webhook, Delivery delivery) {
        if (config.webhooks().allowPrivateAddresses()) {
            return post(client.requestAbs(HttpMethod.POST, webhook.url()), webhook, delivery);
        }
        URI url = URI.create(webhook.url());
        return Uni.createFrom().item(() -> resolve(url.getHost()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(resolved -> {
                    InetAddress address = OutboundAddresses.firstIfAllPublic(resolved);
                    if (address == null) {
                        return Uni.createFrom().item(new Outcome(null, url.getHost() + " resolves to a non-public address "
                                + resolved.stream().map(InetAddress::getHostAddress).toList()
                                + " (WEBHOOKS_ALLOW_PRIVATE_ADDRESSES is off)", true));
                    }
                    int port = url.getPort() != -1 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
                    return post(client.requestAbs(HttpMethod.POST,
                            SocketAddress.inetSocketAddress(port, address.getHostAddress()), webhook.url()), webhook, delivery);
                });
    }

    private static List<InetAddress> resolve(String host) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        try {
            return List.of(InetAddress.getAllByName(bare));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("cannot resolve " + host);
        }
    }

    private Uni<Outcome> post(HttpRequest<Buffer> request, Webhook webhook, Delivery delivery) {
        long timestamp = Instant.now().getEpochSecond();
        long timeout = config.webhooks().timeout().toMillis();
        return request
                .timeout(timeout)
                .as(BodyCodec.none())
                .putHeader("content-type", "application/json")
                .putHeader("webhook-id", delivery.id())
                .putHeader("webhook-timestamp", Long.toString(timestamp))
                .putHeader("webhook-signature", webhook.signingSecrets(Instant.now()).stream()
                        .map(secret -> WebhookSigner.sign(secret, delivery.id(), timestamp, delivery.payload()))
                        .collect(Collectors.joining(" ")))
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
