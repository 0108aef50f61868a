package io.effortmap.metrics.webhook.service;

import io.effortmap.common.idempotency.Fingerprint;
import io.effortmap.common.idempotency.Idempotency;
import io.effortmap.common.idempotency.IdempotencyKey;
import io.effortmap.common.problem.ProblemException;
import io.effortmap.metrics.support.IdempotencyRepository;
import io.effortmap.metrics.support.MongoErrors;
import io.effortmap.common.rest.QueryParams;
import io.effortmap.common.validation.RequestValidator;
import io.effortmap.metrics.config.MetricsConfig;
import io.effortmap.metrics.support.Ids;
import io.effortmap.common.rest.IfMatch;
import io.effortmap.metrics.support.Page;
import io.effortmap.metrics.webhook.repository.Delivery;
import io.effortmap.metrics.webhook.repository.DeliveryRepository;
import io.effortmap.metrics.webhook.repository.Webhook;
import io.effortmap.metrics.webhook.repository.WebhookRepository;
import io.effortmap.metrics.webhook.rest.DeliveryView;
import io.effortmap.metrics.webhook.rest.WebhookCreated;
import io.effortmap.metrics.webhook.rest.WebhookRequest;
import io.effortmap.metrics.webhook.rest.WebhookView;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Webhook subscriptions of one workspace, their delivery logs and replays. */
@ApplicationScoped
public class WebhookService {

    public static final int DEFAULT_PAGE_SIZE = 20;
    public static final int MAX_PAGE_SIZE = 100;
    private static final Set<String> STATES = Set.of(Delivery.PENDING, Delivery.HELD, Delivery.DELIVERED, Delivery.FAILED);
    private static final Pattern DELIVERY_ID = Pattern.compile("^msg_[A-Za-z0-9_-]{32}$");
    private static final Pattern DELIVERY_CURSOR = Pattern.compile("^[0-9]{13}msg_[A-Za-z0-9_-]{32}$");

    private final WebhookRepository webhooks;
    private final DeliveryRepository deliveries;
    private final RequestValidator validator;
    private final MetricsConfig config;
    private final IdempotencyRepository idempotencyKeys;
    private final Clock clock = Clock.systemUTC();

    WebhookService(WebhookRepository webhooks, DeliveryRepository deliveries, RequestValidator validator,
            MetricsConfig config, IdempotencyRepository idempotencyKeys) {
        this.idempotencyKeys = idempotencyKeys;
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.validator = validator;
        this.config = config;
    }

    /**
     * With an {@code Idempotency-Key} a retry answers the webhook the first request created, with its signing secret:
     * the retry is the same caller that lost the first answer, and without the secret the webhook is of no use.
     */
    public Uni<Idempotency.Outcome<WebhookCreated>> create(String workspace, String user, String idempotencyKey,
            WebhookRequest request) {
        String key = IdempotencyKey.parse(idempotencyKey);
        String url = validate(request);
        Instant now = now();
        return Idempotency.create(idempotencyKeys, workspace, key,
                key == null ? null : Fingerprint.of("POST /api/v1/webhooks", request),
                () -> Ids.newId(Ids.WEBHOOK, now),
                id -> {
                    Webhook webhook = new Webhook(id, workspace, url, request.description(), eventTypes(request),
                            WebhookSigner.newSecret(), null, null, 1, now, now, user, null);
                    return webhooks.insert(webhook).replaceWith(() -> WebhookCreated.of(webhook));
                },
                id -> webhooks.find(workspace, id).map(w -> w == null ? null : WebhookCreated.of(w)),
                MongoErrors::isDuplicateKey);
    }

    public Uni<WebhookView> get(String workspace, String id) {
        return find(workspace, id).map(WebhookView::of);
    }

    public Uni<Page<WebhookView>> list(String workspace, String after, String limitParam) {
        int limit = QueryParams.limit("limit", limitParam, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        if (after != null && !after.isEmpty() && !Ids.isWellFormed(after, Ids.WEBHOOK)) {
            throw ProblemException.badRequest("after", "is not a cursor returned as next by this endpoint");
        }
        return webhooks.list(workspace, after == null || after.isEmpty() ? null : after, limit + 1)
                .map(found -> Page.of(found, limit, WebhookView::of, Webhook::id));
    }

    /** The secret stays; deliveries already queued go to the new url. */
    public Uni<WebhookView> replace(String workspace, String id, String ifMatch, WebhookRequest request) {
        long expected = IfMatch.version(ifMatch);
        String url = validate(request);
        return find(workspace, id).chain(current -> {
            if (current.version() != expected) {
                throw IfMatch.stale("The webhook");
            }
            Webhook replacement = new Webhook(id, workspace, url, request.description(), eventTypes(request),
                    current.secret(), current.previousSecret(), current.previousSecretUntil(), expected + 1,
                    current.createdAt(), now(), current.createdBy(), current.pausedAt());
            return webhooks.updateIfVersion(replacement, expected)
                    .onItem().ifNull().failWith(() -> IfMatch.stale("The webhook"))
                    .map(WebhookView::of);
        });
    }

    /**
     * Issues a new secret, shown in this answer only. The old one keeps signing alongside it (a second signature in
     * {@code webhook-signature}) for {@code secret-grace}, so the receiver can switch over without a gap.
     */
    public Uni<WebhookCreated> rotateSecret(String workspace, String id, String ifMatch) {
        long expected = IfMatch.version(ifMatch);
        return find(workspace, id).chain(current -> {
            if (current.version() != expected) {
                throw IfMatch.stale("The webhook");
            }
            Instant now = now();
            return webhooks.rotateIfVersion(workspace, id, expected, WebhookSigner.newSecret(), current.secret(),
                            now.plus(config.webhooks().secretGrace()), now)
                    .onItem().ifNull().failWith(() -> IfMatch.stale("The webhook"))
                    .map(WebhookCreated::of);
        });
    }

    /**
     * Pauses or resumes the subscription. While paused, events still become deliveries (nothing is lost) but they are
     * HELD instead of sent; resuming makes every held delivery due at once, in their original order. Pausing or
     * resuming a webhook already in that state changes nothing but its version.
     */
    public Uni<WebhookView> pause(String workspace, String id, String ifMatch, boolean pause) {
        long expected = IfMatch.version(ifMatch);
        return find(workspace, id).chain(current -> {
            if (current.version() != expected) {
                throw IfMatch.stale("The webhook");
            }
            Instant now = now();
            Instant pausedAt = pause ? (current.paused() ? current.pausedAt() : now) : null;
            return webhooks.pauseIfVersion(workspace, id, expected, pausedAt, now)
                    .onItem().ifNull().failWith(() -> IfMatch.stale("The webhook"))
                    .call(updated -> pause ? Uni.createFrom().voidItem() : deliveries.release(id, null, now));
        }).map(WebhookView::of);
    }

    /** Queued deliveries of a deleted webhook end FAILED ("subscription deleted") at their next attempt. */
    public Uni<Void> delete(String workspace, String id, String ifMatch) {
        long expected = IfMatch.version(ifMatch);
        return find(workspace, id)
                .chain(current -> {
                    if (current.version() != expected) {
                        throw IfMatch.stale("The webhook");
                    }
                    return webhooks.deleteIfVersion(workspace, id, expected);
                })
                .invoke(deleted -> {
                    if (!deleted) {
                        throw IfMatch.stale("The webhook");
                    }
                })
                .replaceWithVoid();
    }

    public Uni<Page<DeliveryView>> deliveries(String workspace, String id, String state, String after,
            String limitParam) {
        int limit = QueryParams.limit("limit", limitParam, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        String normalizedState = state == null || state.isBlank() ? null : state.trim().toUpperCase(Locale.ROOT);
        if (normalizedState != null && !STATES.contains(normalizedState)) {
            throw ProblemException.badRequest("state", "must be one of PENDING, HELD, DELIVERED, FAILED");
        }
        if (after != null && !after.isEmpty() && !DELIVERY_CURSOR.matcher(after).matches()) {
            throw ProblemException.badRequest("after", "is not a cursor returned as next by this endpoint");
        }
        return find(workspace, id)
                .chain(() -> deliveries.list(workspace, id, normalizedState,
                        after == null || after.isEmpty() ? null : after, limit + 1))
                .map(found -> Page.of(found, limit, DeliveryView::of,
                        d -> DeliveryRepository.sortKey(d.createdAt(), d.id())));
    }

    /** Queues a delivery again, whatever its state, with the same webhook-id and payload. */
    public Uni<DeliveryView> replay(String workspace, String id, String deliveryId) {
        return find(workspace, id)
                .chain(() -> {
                    if (!DELIVERY_ID.matcher(deliveryId).matches()) {
                        return Uni.createFrom().<Delivery>failure(ProblemException.notFound("No delivery with that id",
                                "deliveryId", "must be a delivery id (msg_ followed by 32 letters, digits, '_' or '-')"));
                    }
                    return deliveries.replay(workspace, id, deliveryId, now());
                })
                .onItem().ifNull().switchTo(() -> deliveries.find(workspace, id, deliveryId).chain(found ->
                        Uni.createFrom().<Delivery>failure(found == null
                                ? ProblemException.notFound("No delivery " + deliveryId, "deliveryId",
                                        "is not a delivery of this webhook")
                                : ProblemException.conflict("An attempt of this delivery is in flight; try again shortly"))))
                .map(DeliveryView::of);
    }

    /** https only, unless the service allows http (development, tests); no credentials in the url, no fragment. */
    private String validate(WebhookRequest request) {
        validator.check(request);
        String url = request.url().trim();
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw ProblemException.badRequest("url", "is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean allowed = scheme.equals("https") || scheme.equals("http") && config.webhooks().allowHttp();
        if (!allowed) {
            throw ProblemException.badRequest("url", config.webhooks().allowHttp() ? "must be an http or https URL"
                    : "must be an https URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw ProblemException.badRequest("url", "must name a host");
        }
        if (!config.webhooks().allowPrivateAddresses()) {
            String refused = OutboundAddresses.refusedHost(uri.getHost());
            if (refused != null) {
                throw ProblemException.unprocessable("url", refused);
            }
        }
        if (uri.getRawUserInfo() != null) {
            throw ProblemException.badRequest("url", "must not contain credentials; the signature authenticates us");
        }
        if (uri.getRawFragment() != null) {
            throw ProblemException.badRequest("url", "must not contain a fragment");
        }
        return url;
    }

    private static List<String> eventTypes(WebhookRequest request) {
        return request.eventTypes().stream().distinct().toList();
    }

    private Uni<Webhook> find(String workspace, String id) {
        if (!Ids.isWellFormed(id, Ids.WEBHOOK)) {
            return Uni.createFrom().failure(ProblemException.notFound("No webhook with that id", "id",
                    Ids.expectation("a webhook", Ids.WEBHOOK)));
        }
        return webhooks.find(workspace, id).onItem().ifNull().failWith(() -> ProblemException.notFound("No webhook " + id,
                "id", "is not a webhook of your workspace"));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
