package io.effortmap.metrics.aggregate.service;

/**
 * What a bucket aggregates over. Responses carry no stage, so a stage's survey figures are the exact sum of its
 * touchpoints' buckets, composed at query time from the journey's current structure; interactions carry the stage
 * they were accepted in, so interaction buckets are also stored per {@code STAGE}.
 */
public enum Scope {
    WORKSPACE, SURVEY, QUESTION, JOURNEY, STAGE, TOUCHPOINT;

    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
