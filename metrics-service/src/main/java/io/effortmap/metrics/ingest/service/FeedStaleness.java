package io.effortmap.metrics.ingest.service;

import io.effortmap.metrics.ingest.repository.LeaseRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * How stale the figures are, per feed, as every replica sees it (read from the feeds' leases every
 * {@value #REFRESH_SECONDS} s, where the reading replica records its progress):
 * <ul>
 * <li>{@code effortmap_feed_read_age_seconds{feed}}: since the feed was last read successfully (to its end, or a
 * page applied). Well under a second while ingestion works; it grows while ingestion is stuck (the feed's service,
 * this service's store or its token unavailable), whether or not data arrives. The k8s alert fires on it.</li>
 * <li>{@code effortmap_feed_newest_item_age_seconds{feed}}: since the newest ingested item was received by its
 * service. It also grows in quiet periods, so it describes the data, not the pipeline.</li>
 * </ul>
 * Both are in the readiness response too (check {@code feeds}, always UP: stale figures are still worth serving,
 * and taking every replica out of service would not make ingestion resume).
 */
@Readiness
@Singleton
public class FeedStaleness implements HealthCheck {

    static final long REFRESH_SECONDS = 1;
    private static final Logger LOG = Logger.getLogger(FeedStaleness.class);

    private final LeaseRepository leases;
    private final Vertx vertx;
    private final Map<String, LeaseRepository.Progress> progress = new ConcurrentHashMap<>();
    private volatile long timer = -1;

    FeedStaleness(LeaseRepository leases, MeterRegistry registry, Vertx vertx) {
        this.leases = leases;
        this.vertx = vertx;
        for (String feed : GenerationCoordinator.FEEDS) {
            Gauge.builder("effortmap.feed.read.age", this, s -> s.readAge(feed))
                    .description("Seconds since the feed was last read successfully (grows while ingestion is stuck)")
                    .baseUnit("seconds").tag("feed", feed).register(registry);
            Gauge.builder("effortmap.feed.newest.item.age", this, s -> s.newestItemAge(feed))
                    .description("Seconds since the newest ingested item of the feed was received by its service")
                    .baseUnit("seconds").tag("feed", feed).register(registry);
        }
    }

    void start(@Observes StartupEvent event) {
        refresh();
        timer = vertx.setPeriodic(Duration.ofSeconds(REFRESH_SECONDS).toMillis(), id -> refresh());
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(timer);
    }

    /** Seconds since the feed was last read successfully; NaN before anyone read it. */
    public double readAge(String feed) {
        LeaseRepository.Progress p = progress.get(feed);
        return p == null ? Double.NaN : ageSeconds(p.readAt());
    }

    public double newestItemAge(String feed) {
        LeaseRepository.Progress p = progress.get(feed);
        return p == null ? Double.NaN : ageSeconds(p.newestItemAt());
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("feeds").up();
        for (String feed : GenerationCoordinator.FEEDS) {
            double read = readAge(feed);
            double newest = newestItemAge(feed);
            if (!Double.isNaN(read)) {
                response.withData(feed + ".readAgeSeconds", Math.round(read));
            }
            if (!Double.isNaN(newest)) {
                response.withData(feed + ".newestItemAgeSeconds", Math.round(newest));
            }
        }
        return response.build();
    }

    private void refresh() {
        // While the store is down the last known progress stays, so the ages keep growing as they should.
        // Every second, outside any trace: not traced (common BackgroundStoreCallSampler).
        leases.read(GenerationCoordinator.FEEDS).subscribe().with(
                found -> found.forEach(lease -> progress.put(lease.feed(), lease.progress())),
                failure -> LOG.debugf("Feed progress not refreshed: %s", failure.toString()));
    }

    private static double ageSeconds(Instant at) {
        return at == null ? Double.NaN : Duration.between(at, Instant.now()).toMillis() / 1000.0;
    }
}
