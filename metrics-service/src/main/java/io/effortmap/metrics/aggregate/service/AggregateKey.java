package io.effortmap.metrics.aggregate.service;

import java.time.LocalDate;

/**
 * One bucket: a scope, a slice of it ({@code all}, {@code channel=web}, {@code region=EU} or
 * {@code channel=web,region=EU}), a metric on one scale, one calendar period. Pair buckets ({@code CES_CSAT},
 * {@code CES_NPS}) carry the second answer's scale in {@code scale} too. Scale is part of the key so answers on
 * different scales never land in the same figure.
 */
public record AggregateKey(String workspace, Scope scope, String scopeId, String journeyId, String slice,
        String metric, String scoring, int scaleMin, int scaleMax, String scale, Granularity granularity,
        LocalDate period) {

    public static final String ALL = "all";

    public String id() {
        return String.join("|", escape(workspace), scope.value(), escape(scopeId), escape(slice), metric, scale,
                granularity.value(), period.toString());
    }

    /** Ids join user-supplied parts (segment values, channels), so the separator is escaped to keep ids unique. */
    private static String escape(String part) {
        return part.replace("%", "%25").replace("|", "%7C");
    }
}
