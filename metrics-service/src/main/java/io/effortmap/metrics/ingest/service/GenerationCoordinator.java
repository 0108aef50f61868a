package io.effortmap.metrics.ingest.service;

import io.effortmap.metrics.aggregate.repository.AggregateRepository;
import io.effortmap.metrics.aggregate.repository.Generation;
import io.effortmap.metrics.aggregate.repository.GenerationRepository;
import io.effortmap.metrics.ingest.repository.CursorRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Moves queries to a rebuilt generation once every feed has caught up in it, and drops the replaced copy a while
 * later. Every step is a conditional write, so the ingestors of several replicas may all call it.
 */
@ApplicationScoped
public class GenerationCoordinator {

    /** Every feed a generation is built from; it only goes live when all of them reached their end. */
    public static final List<String> FEEDS = List.of(ResponseIngestor.FEED, InteractionIngestor.FEED);
    /** Far longer than a reader's cached view of the active generation. */
    private static final Duration RETIRED_KEPT = Duration.ofMinutes(1);
    private static final Logger LOG = Logger.getLogger(GenerationCoordinator.class);

    private final GenerationRepository generations;
    private final CursorRepository cursors;
    private final AggregateRepository buckets;

    GenerationCoordinator(GenerationRepository generations, CursorRepository cursors, AggregateRepository buckets) {
        this.generations = generations;
        this.cursors = cursors;
        this.buckets = buckets;
    }

    Uni<Generation> state() {
        return generations.state();
    }

    Uni<Void> afterRebuildStep(Generation state) {
        List<String> keys = FEEDS.stream().map(feed -> CursorRepository.key(feed, state.building())).toList();
        return cursors.load(keys).chain(found -> {
            if (found.size() < keys.size() || !found.stream().allMatch(CursorRepository.Cursor::caughtUp)) {
                return Uni.createFrom().voidItem();
            }
            return generations.switchTo(state).invoke(switched -> {
                if (switched) {
                    LOG.infof("Rebuilt bucket generation %d caught up with every feed; it now answers queries "
                            + "(generation %d retired)", state.building(), state.active());
                }
            }).replaceWithVoid();
        });
    }

    Uni<Void> housekeeping(Generation state) {
        if (state.retired() == null || state.retiredAt() == null
                || Instant.now().isBefore(state.retiredAt().plus(RETIRED_KEPT))) {
            return Uni.createFrom().voidItem();
        }
        int retired = state.retired();
        return buckets.drop(retired)
                .chain(() -> cursors.delete(FEEDS.stream().map(feed -> CursorRepository.key(feed, retired)).toList()))
                .chain(() -> generations.forgetRetired(retired));
    }
}
