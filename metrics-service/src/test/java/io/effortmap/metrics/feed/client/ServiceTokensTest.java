package io.effortmap.metrics.feed.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.Tokens;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.WebApplicationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The token policy on a fake identity provider and a fake clock. */
class ServiceTokensTest {

    private static final Duration HOUR = Duration.ofHours(1);

    /** Issues token-1, token-2, ... living {@code lifetime}; fails while {@code down}. */
    private static final class FakeProvider implements OidcClient {
        final MutableClock clock;
        Duration lifetime = HOUR;
        boolean down;
        final AtomicInteger issued = new AtomicInteger();

        FakeProvider(MutableClock clock) {
            this.clock = clock;
        }

        @Override
        public Uni<Tokens> getTokens(Map<String, String> params) {
            if (down) {
                return Uni.createFrom().failure(new IllegalStateException("identity provider unreachable"));
            }
            return Uni.createFrom().item(new Tokens("token-" + issued.incrementAndGet(),
                    clock.instant().plus(lifetime).getEpochSecond(), null, null, null, null, "metrics-service"));
        }

        @Override
        public Uni<Tokens> refreshTokens(String refreshToken, Map<String, String> params) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Uni<Boolean> revokeAccessToken(String accessToken, Map<String, String> params) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    private final MutableClock clock = new MutableClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final FakeProvider provider = new FakeProvider(clock);
    private final ServiceTokens tokens = new ServiceTokens(provider, Duration.ofMinutes(45), clock,
            registry);
    private final List<String> sent = new ArrayList<>();

    /** Without a Quarkus container, Mutiny must not look for one to propagate contexts. */
    @BeforeAll
    static void plainMutiny() {
        Infrastructure.clearInterceptors();
    }

    @AfterAll
    static void quarkusMutiny() {
        Infrastructure.reload();
    }

    private String call() {
        return tokens.withToken(bearer -> {
            sent.add(bearer);
            return Uni.createFrom().item(bearer);
        }).await().indefinitely();
    }

    @Test
    void theTokenIsRenewedBeforeItExpiresWhileCallsGoOnWithTheCurrentOne() {
        assertThat(call()).isEqualTo("Bearer token-1");
        clock.advance(Duration.ofMinutes(14));
        assertThat(call()).isEqualTo("Bearer token-1");
        assertThat(provider.issued).hasValue(1);

        // 15 minutes into a 60-minute token, less than 45 minutes are left: renewed in the background.
        clock.advance(Duration.ofMinutes(1));
        assertThat(call()).isEqualTo("Bearer token-1");
        assertThat(provider.issued).hasValue(2);
        assertThat(call()).isEqualTo("Bearer token-2");
        assertThat(registry.get("effortmap.service.token.renewals").counter().count()).isEqualTo(2);
    }

    @Test
    void whileTheIdentityProviderIsDownTheLastTokenServesUntilItExpires() {
        call();
        clock.advance(Duration.ofMinutes(15));
        provider.down = true;

        // The outage begins just when renewal is due: 45 minutes of the token are left, and it is used all along.
        for (int minute = 0; minute < 44; minute++) {
            assertThat(call()).isEqualTo("Bearer token-1");
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(tokens.secondsLeft()).isBetween(50.0, 70.0);

        clock.advance(Duration.ofSeconds(55));
        assertThatThrownBy(this::call).hasMessageContaining("identity provider unreachable");

        provider.down = false;
        assertThat(call()).isEqualTo("Bearer token-2");
    }

    @Test
    void aShortLivedTokenIsRenewedOnceAQuarterOfItsLifeIsGone() {
        provider.lifetime = Duration.ofMinutes(5);
        call();
        clock.advance(Duration.ofSeconds(74));
        call();
        assertThat(provider.issued).hasValue(1);
        clock.advance(Duration.ofSeconds(2));
        call();
        assertThat(provider.issued).hasValue(2);
    }

    @Test
    void aPeerRejectingTheTokenGetsANewOneAndOneRetryNotAFailure() {
        AtomicInteger attempts = new AtomicInteger();
        String answer = tokens.withToken(bearer -> {
            sent.add(bearer);
            return attempts.incrementAndGet() == 1
                    ? Uni.createFrom().failure(new WebApplicationException(401))
                    : Uni.createFrom().item("page");
        }).await().indefinitely();

        assertThat(answer).isEqualTo("page");
        assertThat(sent).containsExactly("Bearer token-1", "Bearer token-2");
    }

    @Test
    void aTokenRejectedTwiceIsAFailureOfTheCallNotALoop() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> tokens.withToken(bearer -> {
            attempts.incrementAndGet();
            return Uni.createFrom().<String>failure(new WebApplicationException(401));
        }).await().indefinitely()).isInstanceOf(WebApplicationException.class);
        assertThat(attempts).hasValue(2);
    }
}
