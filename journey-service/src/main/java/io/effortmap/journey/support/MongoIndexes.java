package io.effortmap.journey.support;

import io.effortmap.common.problem.ProblemException;
import io.effortmap.journey.interaction.repository.InteractionRepository;
import io.effortmap.journey.journey.repository.JourneyRepository;
import io.effortmap.journey.persona.repository.PersonaRepository;
import io.effortmap.journey.version.repository.JourneyVersionRepository;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Creates the indexes at startup without blocking it, retrying with back-off while MongoDB is unreachable.
 *
 * <p>The unique indexes carry correctness (idempotent pushes and creates, one document per feed position), so writes
 * and feed reads wait for them ({@link #awaitReady()}) and the readiness check stays DOWN until they exist.
 */
@ApplicationScoped
public class MongoIndexes {

    private static final Logger LOG = Logger.getLogger(MongoIndexes.class);

    @Inject
    JourneyRepository journeys;

    @Inject
    InteractionRepository interactions;

    @Inject
    PersonaRepository personas;

    @Inject
    JourneyVersionRepository versions;

    @Inject
    IdempotencyRepository idempotencyKeys;

    private volatile boolean ready;
    private Uni<Void> ensured;

    @PostConstruct
    void init() {
        ensured = Uni.createFrom().deferred(() -> journeys.ensureIndexes()
                        .chain(personas::ensureIndexes)
                        .chain(versions::ensureIndexes)
                        .chain(interactions::ensureIndexes)
                        .chain(idempotencyKeys::ensureIndexes))
                .onFailure().invoke(e -> LOG.warnf("Creating MongoDB indexes failed, retrying: %s", e.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(30)).indefinitely()
                .invoke(() -> {
                    ready = true;
                    LOG.info("MongoDB indexes are in place");
                })
                .memoize().indefinitely();
    }

    void onStart(@Observes StartupEvent event) {
        ensured.subscribe().with(ignored -> { }, e -> LOG.error("Giving up on MongoDB indexes", e));
    }

    public boolean isReady() {
        return ready;
    }

    /** Completes once the indexes exist; answers 503 if that takes longer than a request should wait. */
    public Uni<Void> awaitReady() {
        if (ready) {
            return Uni.createFrom().voidItem();
        }
        return ensured.ifNoItem().after(Duration.ofSeconds(5))
                .failWith(() -> ProblemException.unavailable("The service is still preparing its storage", 5));
    }
}
