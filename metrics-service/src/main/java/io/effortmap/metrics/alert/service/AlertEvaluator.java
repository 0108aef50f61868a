package io.effortmap.metrics.alert.service;

import io.effortmap.metrics.aggregate.repository.AggregateRepository;
import io.effortmap.metrics.aggregate.repository.MetricBucket;
import io.effortmap.metrics.aggregate.service.AggregateKey;
import io.effortmap.metrics.aggregate.service.BucketPlanner;
import io.effortmap.metrics.aggregate.service.ChangePolicy;
import io.effortmap.metrics.aggregate.service.PeriodRange;
import io.effortmap.metrics.aggregate.service.Scope;
import io.effortmap.metrics.alert.repository.Alert;
import io.effortmap.metrics.alert.repository.AlertRepository;
import io.effortmap.metrics.alert.repository.AlertRule;
import io.effortmap.metrics.alert.repository.AlertRuleRepository;
import io.effortmap.metrics.support.Ids;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Evaluates a workspace's enabled rules against the buckets and brings each rule's alert in line: open it while the
 * condition holds, resolve it when it no longer does. Every write is conditional (unique open alert per rule,
 * resolve only what is still open), so evaluating twice, or on two replicas at once, changes nothing more.
 * A rule whose window has fewer answers than its minimum n does not hold, so its alert resolves.
 */
@ApplicationScoped
public class AlertEvaluator {

    private static final Logger LOG = Logger.getLogger(AlertEvaluator.class);

    private final AlertRuleRepository rules;
    private final AlertRepository alerts;
    private final AggregateRepository buckets;
    private final BucketPlanner planner;
    private final AlertEvents events;
    private final ChangePolicy policy;
    private final Clock clock = Clock.systemUTC();

    AlertEvaluator(AlertRuleRepository rules, AlertRepository alerts, AggregateRepository buckets,
            BucketPlanner planner, AlertEvents events, ChangePolicy policy) {
        this.policy = policy;
        this.rules = rules;
        this.alerts = alerts;
        this.buckets = buckets;
        this.planner = planner;
        this.events = events;
    }

    /** One failing rule is logged and does not keep the others from being evaluated. */
    public Uni<Void> evaluate(String workspace) {
        return rules.enabled(workspace)
                .onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                .onItem().transformToUniAndConcatenate(rule -> evaluate(rule).onFailure().recoverWithUni(e -> {
                    LOG.warnf("Evaluating alert rule %s failed: %s", rule.id(), e.toString());
                    return Uni.createFrom().voidItem();
                }))
                .collect().last()
                .chain(() -> events.flush(workspace));
    }

    Uni<Void> evaluate(AlertRule rule) {
        LocalDate today = LocalDate.now(planner.dimensions().zone(rule.workspace()));
        RuleCheck.Windows windows = RuleCheck.Windows.ending(today, rule.windowDays());
        Uni<List<MetricBucket>> previous = AlertRule.SIGNIFICANT_DROP.equals(rule.condition())
                ? read(rule, windows.previousFrom(), windows.previousTo())
                : Uni.createFrom().item(List.of());
        return Uni.combine().all().unis(read(rule, windows.from(), windows.to()), previous).asTuple()
                .chain(found -> apply(rule, RuleCheck.check(rule, windows, found.getItem1(), found.getItem2(),
                        policy.settings().fdr(), policy.minimumEffect(rule.workspace(), rule.metric()))));
    }

    private Uni<Void> apply(AlertRule rule, RuleCheck.Result result) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (result.breached()) {
            // An alert resolved by hand still holds the slot: this then only records the latest observation.
            return alerts.openOrUpdate(Ids.newId(Ids.ALERT, now), rule.workspace(), rule.id(), rule.name(),
                    rule.metric(), rule.scoring(), rule.condition(), result.observation(), now).replaceWithVoid();
        }
        return alerts.active(rule.workspace(), rule.id()).chain(active -> {
            if (active == null) {
                return Uni.createFrom().voidItem();
            }
            if (Alert.RESOLVED.equals(active.state())) {
                return alerts.release(rule.workspace(), active.id());
            }
            // Resolved by hand in the meantime (null): the condition has cleared, so its slot is released too.
            return alerts.resolve(rule.workspace(), active.id(), Alert.EVALUATOR, result.observation(), now, false)
                    .chain(resolved -> resolved == null ? alerts.release(rule.workspace(), active.id())
                            : Uni.createFrom().voidItem());
        });
    }

    private Uni<List<MetricBucket>> read(AlertRule rule, LocalDate from, LocalDate to) {
        return buckets.metrics(rule.workspace(), storedScope(rule), List.of(storedScopeId(rule)), AggregateKey.ALL,
                List.of(rule.metric()), new PeriodRange(from, to));
    }

    static Scope storedScope(AlertRule rule) {
        return Scope.valueOf(rule.scope().toUpperCase(java.util.Locale.ROOT));
    }

    /** Touchpoint buckets are keyed by journey and touchpoint, like every touchpoint query. */
    static String storedScopeId(AlertRule rule) {
        return rule.scope().equals("touchpoint") ? BucketPlanner.touchpointScopeId(rule.journeyId(), rule.scopeId())
                : rule.scopeId();
    }
}
