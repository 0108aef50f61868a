package io.effortmap.metrics.aggregate.service;

import java.time.LocalDate;

/**
 * Where an answer is counted: a scope, a slice of it ({@code all}, {@code channel=web}, {@code region=EU} or
 * {@code channel=web,region=EU}), a metric on one scale, one calendar period. Pair buckets ({@code CES_CSAT},
 * {@code CES_NPS}) carry the second answer's scale in {@code scale} too. One stored bucket ({@link #id()}) holds
 * every scale of its metric as separate entries, so answers on different scales never land in the same figure while
 * a reader can compute the ids it needs without knowing the scales.
 */
public record AggregateKey(String workspace, Scope scope, String scopeId, String journeyId, String slice,
        String metric, String scoring, int scaleMin, int scaleMax, String scale, Granularity granularity,
        LocalDate period) {

    public static final String ALL = "all";

    /** The stored bucket's id; the scale is an entry inside it. */
    public String id() {
        return id(workspace, scope, scopeId, slice, metric, granularity, period);
    }

    public static String id(String workspace, Scope scope, String scopeId, String slice, String metric,
            Granularity granularity, LocalDate period) {
        return String.join("|", escape(workspace), scope.value(), escape(scopeId), escape(slice), metric,
                granularity.value(), period.toString());
    }

    /** Ids join user-supplied parts (segment values, channels), so the separator is escaped to keep ids unique. */
    private static String escape(String part) {
        return part.replace("%", "%25").replace("|", "%7C");
    }
}
