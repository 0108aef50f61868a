package io.effortmap.metrics.alert.service;

import io.effortmap.common.idempotency.Fingerprint;
import io.effortmap.common.idempotency.Idempotency;
import io.effortmap.common.idempotency.IdempotencyKey;
import io.effortmap.common.ids.IdShape;
import io.effortmap.metrics.support.IdempotencyRepository;
import io.effortmap.metrics.support.MongoErrors;
import io.effortmap.common.problem.ProblemException;
import io.effortmap.common.rest.QueryParams;
import io.effortmap.common.validation.RequestValidator;
import io.effortmap.metrics.alert.repository.Alert;
import io.effortmap.metrics.alert.repository.AlertRepository;
import io.effortmap.metrics.alert.repository.AlertRule;
import io.effortmap.metrics.alert.repository.AlertRuleRepository;
import io.effortmap.metrics.alert.rest.AlertRuleRequest;
import io.effortmap.metrics.alert.rest.AlertRuleView;
import io.effortmap.metrics.config.MetricsConfig;
import io.effortmap.metrics.scope.service.ScopeResolver;
import io.effortmap.metrics.support.Ids;
import io.effortmap.common.rest.IfMatch;
import io.effortmap.metrics.support.Page;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Alert rules of one workspace. Shape errors answer 400 naming the field; values that do not fit the metric's scale,
 * or scopes the caller cannot see, 422 naming the field. Changes need If-Match (428 without, 412 when stale).
 */
@ApplicationScoped
public class AlertRuleService {

    public static final int DEFAULT_PAGE_SIZE = 20;
    public static final int MAX_PAGE_SIZE = 100;
    public static final int DEFAULT_WINDOW_DAYS = 7;

    /** Range of each threshold: the CES mean on its scale, the CSAT share of satisfied answers (0–1), NPS points. */
    static final Map<String, double[]> RANGES = Map.of("CES_AGREEMENT", new double[] {1, 7},
            "CES_EFFORT", new double[] {1, 5}, "CSAT", new double[] {0, 1}, "NPS", new double[] {-100, 100});

    private final AlertRuleRepository rules;
    private final AlertRepository alerts;
    private final ScopeResolver scopes;
    private final RequestValidator validator;
    private final MetricsConfig config;
    private final AlertScheduler scheduler;
    private final IdempotencyRepository idempotencyKeys;
    private final Clock clock = Clock.systemUTC();

    AlertRuleService(AlertRuleRepository rules, AlertRepository alerts, ScopeResolver scopes,
            RequestValidator validator, MetricsConfig config, AlertScheduler scheduler,
            IdempotencyRepository idempotencyKeys) {
        this.idempotencyKeys = idempotencyKeys;
        this.rules = rules;
        this.alerts = alerts;
        this.scopes = scopes;
        this.validator = validator;
        this.config = config;
        this.scheduler = scheduler;
    }

    /** With an {@code Idempotency-Key} a retry answers the rule the first request created. */
    public Uni<Idempotency.Outcome<AlertRuleView>> create(String workspace, String bearer, String user,
            String idempotencyKey, AlertRuleRequest request) {
        String key = IdempotencyKey.parse(idempotencyKey);
        String scoring = validate(workspace, request);
        Instant now = now();
        return confirmScope(workspace, bearer, request)
                .chain(() -> Idempotency.create(idempotencyKeys, workspace, key,
                        key == null ? null : Fingerprint.of("POST /api/v1/alerts/rules", request),
                        () -> Ids.newId(Ids.RULE, now),
                        id -> {
                            AlertRule rule = rule(id, workspace, request, scoring, 1, now, now, user);
                            return rules.insert(rule).invoke(() -> scheduler.soon(workspace))
                                    .replaceWith(() -> AlertRuleView.of(rule));
                        },
                        id -> rules.find(workspace, id).map(r -> r == null ? null : AlertRuleView.of(r)),
                        MongoErrors::isDuplicateKey));
    }

    public Uni<AlertRuleView> get(String workspace, String id) {
        return find(workspace, id).map(AlertRuleView::of);
    }

    public Uni<Page<AlertRuleView>> list(String workspace, String after, String limitParam) {
        int limit = QueryParams.limit("limit", limitParam, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        if (after != null && !after.isEmpty() && !Ids.isWellFormed(after, Ids.RULE)) {
            throw ProblemException.badRequest("after", "is not a cursor returned as next by this endpoint");
        }
        return rules.list(workspace, after == null || after.isEmpty() ? null : after, limit + 1)
                .map(found -> Page.of(found, limit, AlertRuleView::of, AlertRule::id));
    }

    /** Disabling a rule resolves its non-resolved alert: nothing would evaluate, and so clear, it any more. */
    public Uni<AlertRuleView> replace(String workspace, String bearer, String user, String id, String ifMatch,
            AlertRuleRequest request) {
        long expected = IfMatch.version(ifMatch);
        String scoring = validate(workspace, request);
        return find(workspace, id).chain(current -> {
            if (current.version() != expected) {
                throw IfMatch.stale("The alert rule");
            }
            AlertRule replacement = rule(id, workspace, request, scoring, expected + 1, current.createdAt(), now(),
                    current.createdBy());
            return confirmScope(workspace, bearer, request)
                    .chain(() -> rules.replaceIfVersion(replacement, expected))
                    .onItem().ifNull().failWith(() -> IfMatch.stale("The alert rule"))
                    .call(saved -> saved.enabled() ? Uni.createFrom().voidItem() : resolveActive(workspace, id, user))
                    .invoke(() -> scheduler.soon(workspace))
                    .map(AlertRuleView::of);
        });
    }

    /** The rule's non-resolved alert is resolved with it, so no alert is left that nothing will ever clear. */
    public Uni<Void> delete(String workspace, String id, String user, String ifMatch) {
        long expected = IfMatch.version(ifMatch);
        return find(workspace, id)
                .chain(current -> {
                    if (current.version() != expected) {
                        throw IfMatch.stale("The alert rule");
                    }
                    return rules.deleteIfVersion(workspace, id, expected);
                })
                .chain(deleted -> {
                    if (!deleted) {
                        throw IfMatch.stale("The alert rule");
                    }
                    return resolveActive(workspace, id, user);
                })
                .invoke(() -> scheduler.soon(workspace));
    }

    /**
     * Resolves the rule's non-resolved alert, if any, and frees the rule's slot (also when a hand-resolved alert holds
     * it); the alert.resolved event goes out with the next evaluation.
     */
    private Uni<Void> resolveActive(String workspace, String ruleId, String user) {
        return alerts.active(workspace, ruleId).chain(active -> {
            if (active == null) {
                return Uni.createFrom().voidItem();
            }
            return Alert.RESOLVED.equals(active.state()) ? alerts.release(workspace, active.id())
                    : alerts.resolve(workspace, active.id(), user, null, now(), false).replaceWithVoid();
        });
    }

    private Uni<AlertRule> find(String workspace, String id) {
        if (!Ids.isWellFormed(id, Ids.RULE)) {
            return Uni.createFrom().failure(ProblemException.notFound("No alert rule with that id", "id",
                    Ids.expectation("an alert rule", Ids.RULE)));
        }
        return rules.find(workspace, id).onItem().ifNull().failWith(() -> ProblemException.notFound("No alert rule " + id,
                "id", "is not an alert rule of your workspace"));
    }

    /** Checks the request; answers the scoring the rule evaluates. */
    private String validate(String workspace, AlertRuleRequest request) {
        validator.check(request);
        String scoring = request.scoring() != null ? request.scoring()
                : request.metric().equals("CES") ? "CES_AGREEMENT" : request.metric();
        if (!scoring.startsWith(request.metric())) {
            throw ProblemException.unprocessable("scoring", "is not a scoring of " + request.metric());
        }
        switch (request.scope()) {
            case "workspace" -> {
                if (request.scopeId() != null && !request.scopeId().equals(workspace)) {
                    throw ProblemException.unprocessable("scopeId", "must be absent or your workspace for scope workspace");
                }
            }
            default -> {
                if (request.scopeId() == null || request.scopeId().isBlank()) {
                    throw ProblemException.badRequest("scopeId", "is required for scope " + request.scope());
                }
                switch (request.scope()) {
                    case "journey" -> IdShape.JOURNEY.requireInBody("scopeId", request.scopeId());
                    case "touchpoint" -> IdShape.TOUCHPOINT.requireInBody("scopeId", request.scopeId());
                    default -> IdShape.SURVEY.requireInBody("scopeId", request.scopeId());
                }
            }
        }
        boolean touchpoint = request.scope().equals("touchpoint");
        if (touchpoint && (request.journeyId() == null || request.journeyId().isBlank())) {
            throw ProblemException.badRequest("journeyId", "is required for scope touchpoint");
        }
        if (touchpoint) {
            IdShape.JOURNEY.requireInBody("journeyId", request.journeyId());
        }
        if (!touchpoint && request.journeyId() != null) {
            throw ProblemException.badRequest("journeyId", "is only for scope touchpoint");
        }
        if (request.condition().equals(AlertRule.THRESHOLD)) {
            if (request.operator() == null) {
                throw ProblemException.badRequest("operator", "is required for condition THRESHOLD");
            }
            if (request.threshold() == null) {
                throw ProblemException.badRequest("threshold", "is required for condition THRESHOLD");
            }
            double[] range = RANGES.get(scoring);
            if (!(request.threshold() >= range[0] && request.threshold() <= range[1])) {
                throw ProblemException.unprocessable("threshold", "must be within " + fmt(range[0]) + ".." + fmt(range[1])
                        + " for " + scoring);
            }
        } else {
            if (request.operator() != null) {
                throw ProblemException.badRequest("operator", "is only for condition THRESHOLD");
            }
            if (request.threshold() != null) {
                throw ProblemException.badRequest("threshold", "is only for condition THRESHOLD");
            }
        }
        return scoring;
    }

    /**
     * Every reference is confirmed in the caller's workspace, with the caller's token, by the service that owns it:
     * journeys and touchpoints with journey-service, surveys with survey-service. Another workspace's id is a 422.
     */
    private Uni<Void> confirmScope(String workspace, String bearer, AlertRuleRequest request) {
        if (request.scope().equals("workspace")) {
            return Uni.createFrom().voidItem();
        }
        return scopes.resolve(workspace, bearer, request.scope(), request.scopeId(), request.journeyId(), null)
                .onFailure(e -> e instanceof ProblemException p && p.status() == 404)
                .transform(e -> {
                    ProblemException p = (ProblemException) e;
                    boolean journey = request.scope().equals("touchpoint") && !p.errors().isEmpty()
                            && p.errors().getFirst().field().equals("journeyId");
                    return journey ? ProblemException.unprocessable("journeyId", "no such journey in your workspace")
                            : ProblemException.unprocessable("scopeId", "no such " + request.scope() + " in your workspace");
                })
                .replaceWithVoid();
    }

    private AlertRule rule(String id, String workspace, AlertRuleRequest r, String scoring, long version,
            Instant createdAt, Instant updatedAt, String createdBy) {
        String scopeId = r.scope().equals("workspace") ? workspace : r.scopeId().trim();
        return new AlertRule(id, workspace, r.name().trim(), r.metric(), scoring, r.scope(), scopeId,
                r.journeyId() == null ? null : r.journeyId().trim(), r.condition(), r.operator(), r.threshold(),
                r.minN() != null ? r.minN() : Math.max(2, config.lowSampleThreshold()),
                r.windowDays() != null ? r.windowDays() : DEFAULT_WINDOW_DAYS, r.enabled() == null || r.enabled(),
                version, createdAt, updatedAt, createdBy);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private Instant now() {
        // MongoDB keeps milliseconds; truncating keeps responses equal to later reads.
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
