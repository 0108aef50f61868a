package io.effortmap.metrics.journey.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.effortmap.common.problem.ProblemException;
import io.effortmap.metrics.config.MetricsConfig;
import io.effortmap.metrics.journey.client.Journey;
import io.effortmap.metrics.journey.client.JourneyClient;
import io.effortmap.metrics.journey.client.JourneyUnavailableException;
import io.effortmap.metrics.journey.client.Touchpoint;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.inject.Vetoed;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JourneyCatalogTest {

    /** journey-service as seen by one workspace's tokens: journeys per "workspace/id", or down. Not a bean. */
    @Vetoed
    static final class FakeJourneyService extends JourneyClient {
        final Map<String, Journey> journeys = new HashMap<>();
        final List<String> asked = new ArrayList<>();
        boolean down;

        @Override
        public Uni<Journey> journey(String journeyId, String bearer) {
            asked.add(bearer + "/" + journeyId);
            if (down) {
                return Uni.createFrom().failure(new JourneyUnavailableException());
            }
            Journey journey = journeys.get(bearer + "/" + journeyId);
            return journey == null ? Uni.createFrom().failure(ProblemException.notFound("No journey " + journeyId))
                    : Uni.createFrom().item(journey);
        }

        @Override
        public Uni<Touchpoint> touchpoint(String journeyId, String touchpointId, String bearer) {
            asked.add(bearer + "/" + journeyId + "/" + touchpointId);
            if (down) {
                return Uni.createFrom().failure(new JourneyUnavailableException());
            }
            return journeys.containsKey(bearer + "/" + journeyId)
                    ? Uni.createFrom().item(new Touchpoint(journeyId, touchpointId, "Checkout", "web", "st1", "Purchase", Map.of()))
                    : Uni.createFrom().failure(ProblemException.notFound("No touchpoint " + touchpointId));
        }
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");

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
    }

    final FakeJourneyService service = new FakeJourneyService();
    final MovableClock clock = new MovableClock();
    final JourneyCatalog catalog = new JourneyCatalog(service, config(Duration.ofSeconds(5), Duration.ofMinutes(10)), clock);

    static MetricsConfig config(Duration fresh, Duration ttl) {
        return (MetricsConfig) Proxy.newProxyInstance(MetricsConfig.class.getClassLoader(),
                new Class<?>[] {MetricsConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "journeyCacheFresh" -> fresh;
                    case "journeyCacheTtl" -> ttl;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    static Journey journey(String id, long version) {
        return new Journey(id, "Onboarding", version, List.of());
    }

    @Test
    void aJourneyIsAskedOnceWithinTheFreshWindowAndAgainAfterIt() {
        service.journeys.put("acme/j1", journey("j1", 1));
        assertThat(catalog.journey("acme", "j1", "acme").await().indefinitely().version()).isEqualTo(1);
        service.journeys.put("acme/j1", journey("j1", 2));
        clock.now = clock.now.plusSeconds(4);
        assertThat(catalog.journey("acme", "j1", "acme").await().indefinitely().version()).isEqualTo(1);
        assertThat(service.asked).containsExactly("acme/j1");

        clock.now = clock.now.plusSeconds(2);
        assertThat(catalog.journey("acme", "j1", "acme").await().indefinitely().version()).isEqualTo(2);
        assertThat(service.asked).containsExactly("acme/j1", "acme/j1");
    }

    @Test
    void anotherWorkspaceIsAskedItselfAndGetsTheNotFoundOfJourneyService() {
        service.journeys.put("acme/j1", journey("j1", 1));
        catalog.journey("acme", "j1", "acme").await().indefinitely();

        assertThatThrownBy(() -> catalog.journey("globex", "j1", "globex").await().indefinitely())
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> catalog.touchpoint("globex", "j1", "tp1", "globex").await().indefinitely())
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(service.asked).containsExactly("acme/j1", "globex/j1", "globex/j1/tp1");
    }

    @Test
    void aDeletedJourneyIsForgottenOnItsFirstNotFound() {
        service.journeys.put("acme/j1", journey("j1", 1));
        catalog.journey("acme", "j1", "acme").await().indefinitely();
        service.journeys.clear();
        clock.now = clock.now.plusSeconds(6);
        assertThatThrownBy(() -> catalog.journey("acme", "j1", "acme").await().indefinitely())
                .isInstanceOf(ProblemException.class);

        // Even with journey-service down now, the deleted journey is not served from memory.
        service.down = true;
        assertThatThrownBy(() -> catalog.journey("acme", "j1", "acme").await().indefinitely())
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(503));
    }

    @Test
    void theLastAnswerStandsInWhileJourneyServiceIsDownUntilTheTtl() {
        service.journeys.put("acme/j1", journey("j1", 3));
        catalog.touchpoint("acme", "j1", "tp1", "acme").await().indefinitely();
        catalog.journey("acme", "j1", "acme").await().indefinitely();
        service.down = true;

        clock.now = clock.now.plus(Duration.ofMinutes(9));
        assertThat(catalog.journey("acme", "j1", "acme").await().indefinitely().version()).isEqualTo(3);
        assertThat(catalog.touchpoint("acme", "j1", "tp1", "acme").await().indefinitely().name()).isEqualTo("Checkout");

        clock.now = clock.now.plus(Duration.ofMinutes(2));
        assertThatThrownBy(() -> catalog.journey("acme", "j1", "acme").await().indefinitely())
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(503));
        assertThatThrownBy(() -> catalog.touchpoint("acme", "j1", "tp2", "acme").await().indefinitely())
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(503));
    }

    @Test
    void memoryIsBoundedWithoutForgettingEverythingAtOnce() {
        int over = JourneyCatalog.MAX_ENTRIES + 500;
        for (int i = 0; i < over; i++) {
            service.journeys.put("acme/j" + i, journey("j" + i, 1));
            catalog.journey("acme", "j" + i, "acme").await().indefinitely();
        }
        assertThat(catalog.size()).isLessThanOrEqualTo(JourneyCatalog.MAX_ENTRIES)
                .isGreaterThan(JourneyCatalog.MAX_ENTRIES / 2);
    }
}
