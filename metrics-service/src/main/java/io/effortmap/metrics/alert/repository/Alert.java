package io.effortmap.metrics.alert.repository;

import io.effortmap.metrics.alert.service.Observation;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * A stored alert (collection {@code alerts}): OPEN → ACKNOWLEDGED → RESOLVED. {@code unsent} lists the events
 * ({@code alert.opened}, {@code alert.resolved}) written with a state change but not yet handed to the webhook outbox,
 * so a crash between the two writes delays an event but never loses it.
 */
public record Alert(String id, String workspace, String ruleId, String ruleName, String metric, String scoring,
        String condition, String state, Instant openedAt, Observation observed, Observation latest,
        Instant lastEvaluatedAt, Instant acknowledgedAt, String acknowledgedBy, Instant resolvedAt, String resolvedBy,
        List<String> unsent) {

    public static final String OPEN = "OPEN";
    public static final String ACKNOWLEDGED = "ACKNOWLEDGED";
    public static final String RESOLVED = "RESOLVED";
    /** Who resolves an alert whose condition cleared. */
    public static final String EVALUATOR = "system";

    static Alert of(Document d) {
        boolean share = "CSAT".equals(d.getString("metric")) && AlertRule.THRESHOLD.equals(d.getString("condition"));
        return new Alert(d.getString("_id"), d.getString("ws"), d.getString("ruleId"), d.getString("ruleName"),
                d.getString("metric"), d.getString("scoring"), d.getString("condition"), d.getString("state"),
                instant(d, "openedAt"), ObservationMapper.of(d.get("observed", Document.class), share),
                ObservationMapper.of(d.get("latest", Document.class), share), instant(d, "lastEvaluatedAt"),
                instant(d, "acknowledgedAt"), d.getString("acknowledgedBy"), instant(d, "resolvedAt"),
                d.getString("resolvedBy"), d.getList("unsent", String.class, List.of()));
    }

    private static Instant instant(Document d, String field) {
        Date date = d.getDate(field);
        return date == null ? null : date.toInstant();
    }
}
