package io.effortmap.metrics.alert.service;

import io.effortmap.metrics.alert.repository.AlertRuleRepository;
import io.effortmap.metrics.config.MetricsConfig;
import io.effortmap.metrics.feed.client.ResponseFeedPage.ResponseEvent;
import io.effortmap.metrics.ingest.repository.LeaseRepository;
import io.effortmap.metrics.ingest.service.ResponsePageListener;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * When rules are evaluated: a workspace that received responses (or whose rules changed) is marked dirty and
 * evaluated one debounce later, so a burst of pages costs one evaluation; and every sweep interval one replica (the
 * holder of the {@code alert-sweep} lease) evaluates every workspace with enabled rules, because rolling windows move
 * with time and a dirty mark dies with the replica that held it. Marking is idempotent, so a re-delivered page only
 * marks the workspace again.
 */
@ApplicationScoped
public class AlertScheduler implements ResponsePageListener {

    private static final Logger LOG = Logger.getLogger(AlertScheduler.class);
    static final String SWEEP_LEASE = "alert-sweep";

    private final AlertEvaluator evaluator;
    private final AlertEvents events;
    private final AlertRuleRepository rules;
    private final LeaseRepository leases;
    private final MetricsConfig config;
    private final Vertx vertx;
    private final String instance = UUID.randomUUID().toString();
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private volatile long sweepTimer = -1;

    AlertScheduler(AlertEvaluator evaluator, AlertEvents events, AlertRuleRepository rules, LeaseRepository leases,
            MetricsConfig config, Vertx vertx) {
        this.evaluator = evaluator;
        this.events = events;
        this.rules = rules;
        this.leases = leases;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        if (config.alerts().enabled()) {
            sweepTimer = vertx.setPeriodic(config.alerts().sweepInterval().toMillis(), id -> sweep());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (sweepTimer >= 0) {
            vertx.cancelTimer(sweepTimer);
        }
    }

    @Override
    public Uni<Void> onResponses(List<ResponseEvent> page) {
        page.stream().map(ResponseEvent::workspace).filter(Objects::nonNull).forEach(dirty::add);
        schedule();
        return Uni.createFrom().voidItem();
    }

    /** Evaluates the workspace's rules one debounce from now. */
    public void soon(String workspace) {
        dirty.add(workspace);
        schedule();
    }

    private void schedule() {
        if (config.alerts().enabled() && pending.compareAndSet(false, true)) {
            vertx.setTimer(Math.max(1, config.alerts().debounce().toMillis()), id -> drain());
        }
    }

    private void drain() {
        List<String> workspaces = new ArrayList<>(dirty);
        dirty.removeAll(workspaces);
        evaluateAll(workspaces).subscribe().with(ok -> {
            pending.set(false);
            if (!dirty.isEmpty()) {
                schedule();
            }
        }, failure -> pending.set(false));
    }

    /** Skipped while the previous sweep is still running, so a slow sweep never overlaps the next. */
    private void sweep() {
        if (!sweeping.compareAndSet(false, true)) {
            return;
        }
        sweepOnce().subscribe().with(ok -> sweeping.set(false), failure -> {
            sweeping.set(false);
            LOG.warnf("Alert sweep failed: %s", failure.toString());
        });
    }

    /** Evaluates every workspace with enabled rules, if this replica holds (or takes) the sweep lease. */
    Uni<Void> sweepOnce() {
        return leases.acquire(SWEEP_LEASE, instance, config.alerts().sweepInterval().multipliedBy(2))
                .chain(held -> !held ? Uni.createFrom().voidItem()
                        : rules.workspacesWithEnabledRules().chain(this::evaluateAll).chain(() -> events.flush(null)));
    }

    /** One after the other; a workspace that fails is logged and left to the next sweep. */
    private Uni<Void> evaluateAll(List<String> workspaces) {
        return Multi.createFrom().iterable(workspaces)
                .onItem().transformToUniAndConcatenate(ws -> evaluator.evaluate(ws).onFailure().recoverWithUni(e -> {
                    LOG.warnf("Evaluating the alert rules of a workspace failed: %s", e.toString());
                    return Uni.createFrom().voidItem();
                }))
                .collect().last().replaceWithVoid();
    }
}
