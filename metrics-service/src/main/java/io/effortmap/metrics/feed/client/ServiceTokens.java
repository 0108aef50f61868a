package io.effortmap.metrics.feed.client;

import io.effortmap.metrics.config.MetricsConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.Tokens;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.WebApplicationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * This service's own access token (client credentials) for reading the other services' feeds, kept so that
 * ingestion neither stalls when a token expires nor stops when the identity provider is away:
 * <ul>
 * <li>it is renewed in the background well before it expires: once less than {@code renew-before} of its life is
 * left (at most three quarters of its lifetime), while calls go on with the current one;</li>
 * <li>a failed renewal (Keycloak down) keeps the current token in use until it truly expires and tries again with a
 * back-off, so an identity-provider outage shorter than what is left of the token goes unnoticed (with the realm's
 * 60-minute service tokens and the default 45 minutes, at least 45 minutes);</li>
 * <li>a peer answering 401 (the token was revoked or rotated, or a clock is off) gets one new token and one retry:
 * an expired token is a renewal, not an outage, and never reaches the circuit breaker.</li>
 * </ul>
 * quarkus-oidc-client's own filter fetches a token only once the old one has expired and fails the call while
 * Keycloak is down, which stalled ingestion at every expiry and for the whole of an outage.
 */
@Singleton
public class ServiceTokens {

    private static final Logger LOG = Logger.getLogger(ServiceTokens.class);
    /** A token this close to its expiry (at most a tenth of its life) is not sent any more: it could expire on the way. */
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(10);
    private static final Duration RETRY_MIN = Duration.ofSeconds(1);
    private static final Duration RETRY_MAX = Duration.ofMinutes(1);
    /** Assumed lifetime when the token endpoint does not say (no expires_in). */
    private static final Duration UNKNOWN_LIFETIME = Duration.ofMinutes(5);

    private final OidcClient client;
    private final Duration renewBefore;
    private final Clock clock;
    private final Counter renewed;
    private final Counter failed;

    private volatile Held held;
    /** The renewal in progress, shared by every caller; null when none runs. */
    private Uni<Held> renewal;
    private Instant nextAttempt = Instant.MIN;
    private Duration retry = RETRY_MIN;

    /** A token with the moments it is renewed, last sent, and expires. */
    record Held(String accessToken, Instant renewAt, Instant usableUntil, Instant expiresAt) {
    }

    @Inject
    ServiceTokens(OidcClient client, MetricsConfig config, MeterRegistry registry) {
        this(client, config.serviceToken().renewBefore(), Clock.systemUTC(), registry);
    }

    ServiceTokens(OidcClient client, Duration renewBefore, Clock clock, MeterRegistry registry) {
        this.client = client;
        this.renewBefore = renewBefore;
        this.clock = clock;
        this.renewed = Counter.builder("effortmap.service.token.renewals")
                .description("Service tokens obtained for reading the feeds").register(registry);
        this.failed = Counter.builder("effortmap.service.token.renewal.failures")
                .description("Failed attempts to obtain a service token (identity provider unreachable)")
                .register(registry);
        Gauge.builder("effortmap.service.token.remaining", this, ServiceTokens::secondsLeft).baseUnit("seconds")
                .description("Seconds until the current service token expires").register(registry);
    }

    /**
     * Calls {@code call} with {@code Bearer <token>}; if the peer answers 401, once more with a newly fetched token.
     */
    public <T> Uni<T> withToken(Function<String, Uni<T>> call) {
        return token().chain(token -> call.apply("Bearer " + token.accessToken())
                .onFailure(ServiceTokens::isUnauthorized).recoverWithUni(rejected -> {
                    LOG.infof("A peer rejected this service's token (401): fetching a new one and retrying once");
                    return renewNow(token).chain(fresh -> call.apply("Bearer " + fresh.accessToken()));
                }));
    }

    /** Seconds until the current token expires (negative once it has); NaN before the first one. */
    public double secondsLeft() {
        Held current = held;
        return current == null ? Double.NaN : Duration.between(clock.instant(), current.expiresAt()).toMillis() / 1000.0;
    }

    /** A usable token: the current one (renewing it in the background when due), or a new one when there is none. */
    Uni<Held> token() {
        Held current = held;
        Instant now = clock.instant();
        if (current != null && now.isBefore(current.usableUntil())) {
            if (!now.isBefore(current.renewAt())) {
                renewInBackground(now);
            }
            return Uni.createFrom().item(current);
        }
        return renew();
    }

    private synchronized void renewInBackground(Instant now) {
        if (renewal != null || now.isBefore(nextAttempt)) {
            return;
        }
        renew().subscribe().with(fresh -> { }, failure -> { });
    }

    /** A new token unless {@code rejected} was already replaced by another caller's renewal. */
    private synchronized Uni<Held> renewNow(Held rejected) {
        Held current = held;
        if (current != null && current != rejected && clock.instant().isBefore(current.usableUntil())) {
            return Uni.createFrom().item(current);
        }
        return renew();
    }

    /** One fetch at a time; every caller waiting meanwhile gets its result. */
    private synchronized Uni<Held> renew() {
        if (renewal == null) {
            renewal = client.getTokens()
                    .map(this::hold)
                    .onItemOrFailure().invoke((fresh, failure) -> settled(failure))
                    .memoize().indefinitely();
        }
        return renewal;
    }

    private Held hold(Tokens tokens) {
        Instant now = clock.instant();
        Instant expiresAt = tokens.getAccessTokenExpiresAt() == null ? now.plus(UNKNOWN_LIFETIME)
                : Instant.ofEpochSecond(tokens.getAccessTokenExpiresAt());
        Duration lifetime = Duration.between(now, expiresAt);
        Duration before = min(renewBefore, lifetime.multipliedBy(3).dividedBy(4));
        Duration margin = min(EXPIRY_MARGIN, lifetime.dividedBy(10));
        Held fresh = new Held(tokens.getAccessToken(), expiresAt.minus(before), expiresAt.minus(margin), expiresAt);
        held = fresh;
        return fresh;
    }

    private synchronized void settled(Throwable failure) {
        renewal = null;
        (failure == null ? renewed : failed).increment();
        if (failure == null) {
            retry = RETRY_MIN;
            nextAttempt = Instant.MIN;
            return;
        }
        nextAttempt = clock.instant().plus(retry);
        Held current = held;
        LOG.warnf("Could not renew this service's token, retrying in %d s; %s: %s", retry.toSeconds(),
                current == null ? "there is none yet"
                        : "the current one stays in use for " + Math.max(0, Duration.between(clock.instant(),
                                current.expiresAt()).toSeconds()) + " s more",
                failure.toString());
        retry = retry.multipliedBy(2).compareTo(RETRY_MAX) > 0 ? RETRY_MAX : retry.multipliedBy(2);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    static boolean isUnauthorized(Throwable failure) {
        return failure instanceof WebApplicationException w && w.getResponse() != null
                && w.getResponse().getStatus() == 401;
    }
}
