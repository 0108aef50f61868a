package io.effortmap.metrics.alert.service;

import io.effortmap.common.problem.ProblemException;
import io.effortmap.common.rest.QueryParams;
import io.effortmap.metrics.alert.repository.Alert;
import io.effortmap.metrics.alert.repository.AlertRepository;
import io.effortmap.metrics.alert.rest.AlertView;
import io.effortmap.metrics.support.Ids;
import io.effortmap.metrics.support.Page;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Set;

/**
 * Reading alerts and the two human steps: acknowledge (OPEN → ACKNOWLEDGED) and resolve (OPEN or ACKNOWLEDGED →
 * RESOLVED). A step the alert's state does not allow answers 409. Resolving by hand quiets the rule until its
 * condition clears, so the next evaluation does not open the same alert again at once (see AlertRepository).
 */
@ApplicationScoped
public class AlertService {

    public static final int DEFAULT_PAGE_SIZE = 20;
    public static final int MAX_PAGE_SIZE = 100;
    private static final Set<String> STATES = Set.of(Alert.OPEN, Alert.ACKNOWLEDGED, Alert.RESOLVED);

    private final AlertRepository alerts;
    private final AlertEvents events;
    private final Clock clock = Clock.systemUTC();

    AlertService(AlertRepository alerts, AlertEvents events) {
        this.alerts = alerts;
        this.events = events;
    }

    public Uni<Page<AlertView>> list(String workspace, String state, String ruleId, String after, String limitParam) {
        int limit = QueryParams.limit("limit", limitParam, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        String normalizedState = state == null || state.isBlank() ? null : state.trim().toUpperCase(Locale.ROOT);
        if (normalizedState != null && !STATES.contains(normalizedState)) {
            throw ProblemException.badRequest("state", "must be one of OPEN, ACKNOWLEDGED, RESOLVED");
        }
        if (ruleId != null && !ruleId.isBlank() && !Ids.isWellFormed(ruleId.trim(), Ids.RULE)) {
            throw ProblemException.badRequest("ruleId", "is not an alert rule id");
        }
        if (after != null && !after.isEmpty() && !Ids.isWellFormed(after, Ids.ALERT)) {
            throw ProblemException.badRequest("after", "is not a cursor returned as next by this endpoint");
        }
        return alerts.list(workspace, normalizedState, ruleId == null || ruleId.isBlank() ? null : ruleId.trim(),
                        after == null || after.isEmpty() ? null : after, limit + 1)
                .map(found -> Page.of(found, limit, AlertView::of, Alert::id));
    }

    public Uni<AlertView> get(String workspace, String id) {
        return find(workspace, id).map(AlertView::of);
    }

    public Uni<AlertView> acknowledge(String workspace, String id, String user) {
        return find(workspace, id)
                .chain(() -> alerts.acknowledge(workspace, id, user, now()))
                .onItem().ifNull().switchTo(() -> find(workspace, id).chain(current -> Uni.createFrom().<Alert>failure(
                        ProblemException.conflict("The alert is " + current.state()
                                + "; only an OPEN alert can be acknowledged"))))
                .map(AlertView::of);
    }

    /** The alert keeps its rule's slot, so the rule stays quiet until an evaluation finds the condition cleared. */
    public Uni<AlertView> resolve(String workspace, String id, String user) {
        return find(workspace, id)
                .chain(() -> alerts.resolve(workspace, id, user, null, now(), true))
                .onItem().ifNull().switchTo(() -> Uni.createFrom().failure(
                        ProblemException.conflict("The alert is already RESOLVED")))
                .call(() -> events.flush(workspace))
                .map(AlertView::of);
    }

    private Uni<Alert> find(String workspace, String id) {
        if (!Ids.isWellFormed(id, Ids.ALERT)) {
            return Uni.createFrom().failure(ProblemException.notFound("No alert with that id", "id", Ids.expectation("an alert", Ids.ALERT)));
        }
        return alerts.find(workspace, id).onItem().ifNull().failWith(() -> ProblemException.notFound("No alert " + id, "id",
                "is not an alert of your workspace"));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
