package io.effortmap.journey.interaction.service;

import io.effortmap.journey.interaction.repository.InteractionDocument;
import io.effortmap.journey.interaction.repository.InteractionRepository;
import io.effortmap.journey.interaction.repository.SequenceCounter;
import io.effortmap.journey.support.Ids;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Writes interactions with feed positions.
 *
 * <p>Each attempt allocates a block of positions from the counter, stamps {@code receivedAt} <em>after</em> the
 * allocation and inserts unordered. An insert that fails on a unique key is either a duplicate (an interaction with the
 * same key exists: answer its id and mark the unused position as a gap right away) or lost its position to a gap
 * marker the feed wrote because the insert took too long (no such interaction exists: retry with a fresh, higher
 * position). An interaction is reported accepted only once its insert is acknowledged.
 */
@ApplicationScoped
public class InteractionStore {

    private static final Logger LOG = Logger.getLogger(InteractionStore.class);
    static final int MAX_ATTEMPTS = 5;

    @Inject
    InteractionRepository repository;

    @Inject
    SequenceCounter counter;

    Clock clock = Clock.systemUTC();

    /** What became of one document. */
    public record Stored(Kind kind, String id) {
        public enum Kind { ACCEPTED, DUPLICATE, FAILED }
    }

    /** Stores documents that all share {@code workspace} and {@code source} and have distinct external ids. */
    public Uni<Map<InteractionDocument, Stored>> store(String workspace, String source, List<InteractionDocument> docs) {
        return attempt(workspace, source, docs, new IdentityHashMap<>(), 1);
    }

    private Uni<Map<InteractionDocument, Stored>> attempt(String workspace, String source, List<InteractionDocument> docs,
            Map<InteractionDocument, Stored> outcome, int attempt) {
        if (docs.isEmpty()) {
            return Uni.createFrom().item(outcome);
        }
        if (attempt > MAX_ATTEMPTS) {
            LOG.warnf("%d interactions could not obtain a feed position after %d attempts", docs.size(), MAX_ATTEMPTS);
            // Their last positions are already held by gap markers, so nothing is left behind in the feed.
            docs.forEach(d -> outcome.put(d, new Stored(Stored.Kind.FAILED, null)));
            return Uni.createFrom().item(outcome);
        }
        return counter.allocate(SequenceCounter.INTERACTIONS, docs.size())
                .chain(first -> {
                    Instant receivedAt = clock.instant();
                    for (int i = 0; i < docs.size(); i++) {
                        InteractionDocument doc = docs.get(i);
                        doc.seq = first + i;
                        doc.receivedAt = receivedAt;
                    }
                    return repository.insertAll(docs);
                })
                .chain(failed -> {
                    List<InteractionDocument> conflicted = new ArrayList<>();
                    for (int i = 0; i < docs.size(); i++) {
                        if (failed.contains(i)) {
                            conflicted.add(docs.get(i));
                        } else {
                            outcome.put(docs.get(i), new Stored(Stored.Kind.ACCEPTED, docs.get(i).id));
                        }
                    }
                    return resolveConflicts(workspace, source, conflicted, outcome, attempt);
                });
    }

    private Uni<Map<InteractionDocument, Stored>> resolveConflicts(String workspace, String source,
            List<InteractionDocument> conflicted, Map<InteractionDocument, Stored> outcome, int attempt) {
        if (conflicted.isEmpty()) {
            return Uni.createFrom().item(outcome);
        }
        return repository.findByKeys(workspace, source, conflicted.stream().map(d -> d.externalId).toList())
                .chain(existing -> {
                    Map<String, String> idByExternalId = new HashMap<>();
                    existing.forEach(e -> idByExternalId.put(e.externalId, e.id));
                    List<Long> unusedPositions = new ArrayList<>();
                    List<InteractionDocument> retry = new ArrayList<>();
                    for (InteractionDocument doc : conflicted) {
                        String existingId = idByExternalId.get(doc.externalId);
                        if (existingId != null) {
                            outcome.put(doc, new Stored(Stored.Kind.DUPLICATE, existingId));
                            unusedPositions.add(doc.seq);
                        } else {
                            // Lost the position (or, astronomically unlikely, the random id): new id, new position.
                            doc.id = Ids.newLongId(Ids.INTERACTION);
                            retry.add(doc);
                        }
                    }
                    // Marking unused positions at once keeps the feed from waiting for them; if this write is lost,
                    // the feed marks them itself after the grace period.
                    return repository.insertGapMarkers(unusedPositions, clock.instant())
                            .onFailure().invoke(e -> LOG.debugf(e, "Could not mark %d unused positions", unusedPositions.size()))
                            .onFailure().recoverWithNull()
                            .chain(() -> attempt(workspace, source, retry, outcome, attempt + 1));
                });
    }
}
