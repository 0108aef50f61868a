package io.effortmap.metrics.rebuild.service;

import io.effortmap.common.problem.ProblemException;
import io.effortmap.metrics.aggregate.repository.Generation;
import io.effortmap.metrics.aggregate.repository.GenerationRepository;
import io.effortmap.metrics.ingest.repository.CursorRepository;
import io.effortmap.metrics.ingest.service.GenerationCoordinator;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Rebuilds every bucket from the feeds' beginning into a new generation while the current one keeps answering; the
 * ingestors switch queries over once the new one has caught up with every feed (see {@link GenerationCoordinator}).
 */
@ApplicationScoped
public class RebuildService {

    private final GenerationRepository generations;
    private final CursorRepository cursors;

    RebuildService(GenerationRepository generations, CursorRepository cursors) {
        this.generations = generations;
        this.cursors = cursors;
    }

    public Uni<RebuildStatus> start(String requestedBy) {
        return generations.state().chain(state -> {
            if (state.building() != null) {
                throw ProblemException.conflict("A rebuild into generation " + state.building() + " is already running");
            }
            return generations.startRebuild(state, requestedBy);
        }).chain(started -> {
            if (started == null) {
                throw ProblemException.conflict("Another rebuild started at the same time");
            }
            return status(started);
        });
    }

    public Uni<RebuildStatus> status() {
        return generations.state().chain(state -> status(state));
    }

    private Uni<RebuildStatus> status(Generation state) {
        List<String> keys = new ArrayList<>();
        for (String feed : GenerationCoordinator.FEEDS) {
            keys.add(CursorRepository.key(feed, state.active()));
            if (state.building() != null) {
                keys.add(CursorRepository.key(feed, state.building()));
            }
        }
        return cursors.load(keys).map(found -> {
            Map<String, CursorRepository.Cursor> byKey = found.stream()
                    .collect(Collectors.toMap(CursorRepository.Cursor::key, Function.identity()));
            List<RebuildStatus.FeedProgress> feeds = new ArrayList<>();
            Double progress = state.building() == null ? null : 0.99;
            for (String feed : GenerationCoordinator.FEEDS) {
                CursorRepository.Cursor live = byKey.get(CursorRepository.key(feed, state.active()));
                long liveItems = live == null ? 0 : live.items();
                if (state.building() == null) {
                    feeds.add(new RebuildStatus.FeedProgress(feed, liveItems, null, null));
                    continue;
                }
                CursorRepository.Cursor rebuilt = byKey.get(CursorRepository.key(feed, state.building()));
                long rebuiltItems = rebuilt == null ? 0 : rebuilt.items();
                boolean caughtUp = rebuilt != null && rebuilt.caughtUp();
                feeds.add(new RebuildStatus.FeedProgress(feed, liveItems, rebuiltItems, caughtUp));
                if (!caughtUp && liveItems > 0) {
                    progress = Math.min(progress, Math.min(0.99, (double) rebuiltItems / liveItems));
                }
            }
            return new RebuildStatus(state.building() == null ? "IDLE" : "RUNNING", state.active(), state.building(),
                    state.rebuildStartedAt(), state.rebuildRequestedBy(), progress, feeds);
        });
    }
}
