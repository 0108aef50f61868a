package io.effortmap.metrics.webhook.service;

import io.effortmap.metrics.config.MetricsConfig;
import io.effortmap.metrics.ingest.repository.LeaseRepository;
import io.effortmap.metrics.webhook.repository.DeliveryRepository;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Deletes delivered and failed deliveries (their payloads and attempt logs) once they are older than
 * {@code WEBHOOKS_RETENTION}, every hour, on the one replica holding the {@code webhook-retention} lease. Pending
 * deliveries are never deleted, whatever their age.
 */
@ApplicationScoped
public class DeliveryRetention {

    static final String LEASE = "webhook-retention";
    private static final Duration EVERY = Duration.ofHours(1);
    private static final Logger LOG = Logger.getLogger(DeliveryRetention.class);

    private final DeliveryRepository deliveries;
    private final LeaseRepository leases;
    private final MetricsConfig config;
    private final Vertx vertx;
    private final String instance = UUID.randomUUID().toString();
    private volatile long timer = -1;

    DeliveryRetention(DeliveryRepository deliveries, LeaseRepository leases, MetricsConfig config, Vertx vertx) {
        this.deliveries = deliveries;
        this.leases = leases;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        if (config.webhooks().dispatch()) {
            timer = vertx.setPeriodic(EVERY.toMillis(), id -> purgeOnce().subscribe().with(
                    deleted -> {
                        if (deleted > 0) {
                            LOG.infof("Deleted %d webhook deliveries older than %s", deleted, config.webhooks().retention());
                        }
                    },
                    failure -> LOG.warnf("Deleting old webhook deliveries failed: %s", failure.toString())));
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Deletes what is past retention if this replica holds the lease; answers how many went (0 without the lease). */
    Uni<Long> purgeOnce() {
        return leases.acquire(LEASE, instance, EVERY.multipliedBy(2)).chain(held -> held
                ? deliveries.deleteFinishedBefore(Instant.now().minus(config.webhooks().retention()))
                : Uni.createFrom().item(0L));
    }
}
