package io.effortmap.metrics.aggregate.service;

import java.time.LocalDate;

/**
 * One daily bucket of one scored metric at one touchpoint. Scale and scoring are part of the key so answers on
 * different scales never land in the same figure.
 */
public record BucketKey(String workspace, String journeyId, String touchpointId, String metric, String scoring,
        int scaleMin, int scaleMax, LocalDate day) {

    public String id() {
        return String.join("|", workspace, journeyId, touchpointId, metric, scoring, scaleMin + "-" + scaleMax,
                day.toString());
    }
}
