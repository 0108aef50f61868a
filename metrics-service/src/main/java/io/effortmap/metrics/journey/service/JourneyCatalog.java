package io.effortmap.metrics.journey.service;

import io.effortmap.common.problem.ProblemException;
import io.effortmap.metrics.config.MetricsConfig;
import io.effortmap.metrics.journey.client.Journey;
import io.effortmap.metrics.journey.client.JourneyClient;
import io.effortmap.metrics.journey.client.JourneyUnavailableException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Journey structures, asked from journey-service with the caller's token on every request (so its 404 for another
 * workspace, and every edit, i.e. every new {@code version}, apply at once). The last version seen is kept per
 * workspace and journey and stands in for up to {@code journey-cache-ttl} while journey-service is unavailable. The key includes the token's workspace, so a kept copy is never served across workspaces.
 */
@ApplicationScoped
public class JourneyCatalog {

    private record Key(String workspace, String journeyId) {
    }

    private record Entry(Journey journey, Instant confirmedAt) {
    }

    private final JourneyClient client;
    private final MetricsConfig config;
    private final Clock clock = Clock.systemUTC();
    private final Map<Key, Entry> known = new ConcurrentHashMap<>();

    JourneyCatalog(JourneyClient client, MetricsConfig config) {
        this.client = client;
        this.config = config;
    }

    public Uni<Journey> journey(String workspace, String journeyId, String bearer) {
        Key key = new Key(workspace, journeyId);
        return client.journey(journeyId, bearer)
                .invoke(fresh -> known.put(key, new Entry(fresh, clock.instant())))
                .onFailure(ProblemException.class).invoke(e -> {
                    if (((ProblemException) e).status() == 404) {
                        known.remove(key);
                    }
                })
                .onFailure(JourneyUnavailableException.class).recoverWithUni(e -> {
                    Entry entry = known.get(key);
                    if (entry != null && entry.confirmedAt().plus(config.journeyCacheTtl()).isAfter(clock.instant())) {
                        return Uni.createFrom().item(entry.journey());
                    }
                    return Uni.createFrom().failure(ProblemException.unavailable("journey-service is unavailable", 5));
                });
    }
}
