package io.effortmap.metrics.journey.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.effortmap.common.problem.ProblemException;
import io.effortmap.metrics.config.MetricsConfig;
import io.effortmap.metrics.journey.client.Journey;
import io.effortmap.metrics.journey.client.JourneyClient;
import io.effortmap.metrics.journey.client.JourneyUnavailableException;
import io.effortmap.metrics.journey.client.Touchpoint;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Journey structures and touchpoints, asked from journey-service with the caller's token (so its 404 for another
 * workspace applies). An answer is reused for {@code journey-cache-fresh} (a dashboard polling a scorecard does not
 * cost journey-service a request each time; an edit, i.e. a new {@code version}, shows once that has passed), and
 * stands in for up to {@code journey-cache-ttl} while journey-service is unavailable. Keys include the token's
 * workspace, so an answer is never served across workspaces; a 404 drops the key at once. Held in a Caffeine cache of
 * at most {@link #MAX_ENTRIES} (the least used go first) where an answer lives no longer than {@code journey-cache-ttl}.
 */
@ApplicationScoped
public class JourneyCatalog {

    /** Bounds memory (an entry is one journey or touchpoint). */
    static final int MAX_ENTRIES = 10_000;

    private record Key(String workspace, String journeyId, String touchpointId) {
    }

    private record Entry(Object value, Instant confirmedAt) {
    }

    private final JourneyClient client;
    private final MetricsConfig config;
    private final Clock clock;
    private final Cache<Key, Entry> known;

    @Inject
    JourneyCatalog(JourneyClient client, MetricsConfig config) {
        this(client, config, Clock.systemUTC());
    }

    JourneyCatalog(JourneyClient client, MetricsConfig config, Clock clock) {
        this.client = client;
        this.config = config;
        this.clock = clock;
        this.known = Caffeine.newBuilder()
                .maximumSize(MAX_ENTRIES)
                .expireAfterWrite(config.journeyCacheTtl())
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
    }

    public Uni<Journey> journey(String workspace, String journeyId, String bearer) {
        return cached(new Key(workspace, journeyId, null), () -> client.journey(journeyId, bearer), Journey.class,
                "journey-service is unavailable");
    }

    /** A touchpoint of the journey (also one removed since a published version). */
    public Uni<Touchpoint> touchpoint(String workspace, String journeyId, String touchpointId, String bearer) {
        return cached(new Key(workspace, journeyId, touchpointId), () -> client.touchpoint(journeyId, touchpointId, bearer),
                Touchpoint.class, "journey-service is unavailable");
    }

    private <T> Uni<T> cached(Key key, Supplier<Uni<T>> fetch, Class<T> type, String unavailable) {
        Instant now = clock.instant();
        Entry entry = known.getIfPresent(key);
        if (entry != null && entry.confirmedAt().plus(config.journeyCacheFresh()).isAfter(now)) {
            return Uni.createFrom().item(type.cast(entry.value()));
        }
        return fetch.get()
                .invoke(fresh -> remember(key, fresh))
                .onFailure(ProblemException.class).invoke(e -> {
                    if (((ProblemException) e).status() == 404) {
                        known.invalidate(key);
                    }
                })
                .onFailure(JourneyUnavailableException.class).recoverWithUni(e -> {
                    Entry kept = known.getIfPresent(key);
                    if (kept != null && kept.confirmedAt().plus(config.journeyCacheTtl()).isAfter(clock.instant())) {
                        return Uni.createFrom().item(type.cast(kept.value()));
                    }
                    return Uni.createFrom().failure(ProblemException.unavailable(unavailable, 5));
                });
    }

    private void remember(Key key, Object value) {
        known.put(key, new Entry(value, clock.instant()));
    }

    /** Entries held now, after pending evictions. */
    long size() {
        known.cleanUp();
        return known.estimatedSize();
    }
}
