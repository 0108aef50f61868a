package io.effortmap.journey.feed.service;

import io.effortmap.journey.feed.mapping.FeedItemMapper;
import io.effortmap.journey.feed.rest.InteractionFeedItem;
import io.effortmap.journey.feed.rest.InteractionFeedPage;
import io.effortmap.journey.interaction.repository.InteractionDocument;
import io.effortmap.journey.interaction.repository.InteractionRepository;
import io.effortmap.journey.support.MongoErrors;
import io.effortmap.journey.support.MongoIndexes;
import io.effortmap.common.rest.QueryParams;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The interaction change feed: every accepted interaction exactly once, in position order, never skipping one.
 *
 * <h2>Why it cannot skip</h2>
 * Writers take positions from an atomic {@code $inc} counter and then insert, so a position can become visible after a
 * higher one, or never (the writer crashed, or the item turned out to be a duplicate). A unique index on the position
 * lets exactly one document ever hold it: the interaction or a <em>gap marker</em>.
 * <ol>
 * <li>The feed serves positions strictly consecutively from the cursor. At a missing position it stops, so it never
 * passes a position whose insert may still succeed.</li>
 * <li>If the document after the hole was received more than the grace period ago, the writer of the hole allocated it
 * even earlier (the counter only grows and {@code receivedAt} is stamped after allocation), so it is overdue. The feed
 * then inserts a gap marker there. Either the marker wins the unique index, and the late writer's insert fails and
 * retries with a fresh position (higher than anything the feed has passed, because it is allocated later); or the
 * interaction had already won, the marker fails, and the next read serves the interaction.</li>
 * <li>A writer reports an interaction accepted only after its insert was acknowledged, i.e. after it won its position.
 * So every accepted interaction holds a position that the feed reaches, and the feed only moves past a position once a
 * document holds it.</li>
 * </ol>
 * The grace period (and clock skew between replicas) only affects latency and how often a slow writer retries, never
 * correctness. Writers mark their own unused positions (duplicates) immediately so the feed rarely has to wait.
 */
@ApplicationScoped
public class InteractionFeedService {

    public static final int DEFAULT_LIMIT = 500;
    public static final int MAX_LIMIT = 1000;
    static final int MAX_FILL_ROUNDS = 3;
    static final int MAX_MARKERS_PER_FILL = 1000;

    @Inject
    InteractionRepository repository;

    @Inject
    FeedItemMapper mapper;

    @Inject
    MongoIndexes indexes;

    @ConfigProperty(name = "journey.feed.gap-grace", defaultValue = "10s")
    Duration gapGrace;

    Clock clock = Clock.systemUTC();

    public Uni<InteractionFeedPage> read(String afterParam, String limitParam) {
        long after = FeedPosition.parse(afterParam);
        int limit = QueryParams.limit("limit", limitParam, DEFAULT_LIMIT, MAX_LIMIT);
        return indexes.awaitReady()
                .chain(() -> readFrom(after, limit, new ArrayList<>(), 0))
                .onFailure().transform(MongoErrors::translate);
    }

    private Uni<InteractionFeedPage> readFrom(long cursor, int limit, List<InteractionFeedItem> items, int round) {
        if (items.size() >= limit) {
            return Uni.createFrom().item(new InteractionFeedPage(List.copyOf(items), FeedPosition.format(cursor)));
        }
        return repository.findAfter(cursor, limit - items.size()).chain(docs -> {
            long last = cursor;
            for (InteractionDocument doc : docs) {
                long expected = last + 1;
                if (doc.seq > expected) {
                    if (round < MAX_FILL_ROUNDS && overdue(doc)) {
                        long to = Math.min(doc.seq - 1, expected + MAX_MARKERS_PER_FILL - 1);
                        long resumeFrom = last;
                        return repository.insertGapMarkers(range(expected, to), clock.instant())
                                .chain(() -> readFrom(resumeFrom, limit, items, round + 1));
                    }
                    break; // a writer may still be inserting here: stop before the hole
                }
                if (doc.seq < expected) {
                    continue; // cannot happen while the unique index holds; never serve a position twice
                }
                if (!doc.gap) {
                    items.add(mapper.toItem(doc));
                }
                last = doc.seq;
            }
            return Uni.createFrom().item(new InteractionFeedPage(List.copyOf(items), FeedPosition.format(last)));
        });
    }

    private boolean overdue(InteractionDocument after) {
        return after.receivedAt != null && after.receivedAt.isBefore(clock.instant().minus(gapGrace));
    }

    private static List<Long> range(long from, long to) {
        List<Long> positions = new ArrayList<>();
        for (long p = from; p <= to; p++) {
            positions.add(p);
        }
        return positions;
    }
}
