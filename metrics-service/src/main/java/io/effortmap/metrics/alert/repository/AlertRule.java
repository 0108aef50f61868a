package io.effortmap.metrics.alert.repository;

import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/** A stored alert rule (collection {@code alertRules}). */
public record AlertRule(String id, String workspace, String name, String metric, String scoring, String scope,
        String scopeId, String journeyId, String condition, String operator, Double threshold, int minN,
        int windowDays, boolean enabled, long version, Instant createdAt, Instant updatedAt, String createdBy) {

    public static final String THRESHOLD = "THRESHOLD";
    public static final String SIGNIFICANT_DROP = "SIGNIFICANT_DROP";
    /**
     * Stored with every rule written since the API's one number convention (shares as fractions 0–1); a CSAT
     * threshold of a rule without it was written as a percentage and is read as a share.
     */
    static final String NUMBERS = "numbers";
    static final int FRACTIONS = 2;

    Document toDocument() {
        return new Document("_id", id).append("ws", workspace).append("name", name).append("metric", metric)
                .append("scoring", scoring).append("scope", scope).append("scopeId", scopeId)
                .append("journeyId", journeyId).append("condition", condition).append("operator", operator)
                .append("threshold", threshold).append("minN", minN).append("windowDays", windowDays)
                .append("enabled", enabled).append("version", version).append("createdAt", Date.from(createdAt))
                .append("updatedAt", Date.from(updatedAt)).append("createdBy", createdBy).append(NUMBERS, FRACTIONS);
    }

    static AlertRule of(Document d) {
        Number stored = d.get("threshold", Number.class);
        Double threshold = stored == null ? null : stored.doubleValue();
        if (threshold != null && "CSAT".equals(d.getString("metric")) && !d.containsKey(NUMBERS)) {
            threshold = threshold / 100;
        }
        return new AlertRule(d.getString("_id"), d.getString("ws"), d.getString("name"), d.getString("metric"),
                d.getString("scoring"), d.getString("scope"), d.getString("scopeId"), d.getString("journeyId"),
                d.getString("condition"), d.getString("operator"), threshold,
                d.get("minN", Number.class).intValue(), d.get("windowDays", Number.class).intValue(),
                d.getBoolean("enabled", true), d.get("version", Number.class).longValue(),
                d.getDate("createdAt").toInstant(), d.getDate("updatedAt").toInstant(), d.getString("createdBy"));
    }
}
