package io.effortmap.metrics.aggregate.repository;

import io.effortmap.metrics.aggregate.service.AggregateKey;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;

/** Bucket documents to and from their stored shape. */
final class AggregateMapper {

    private AggregateMapper() {
    }

    static Document keyFields(AggregateKey key) {
        return new Document("ws", key.workspace())
                .append("scope", key.scope().value())
                .append("sid", key.scopeId())
                .append("journeyId", key.journeyId())
                .append("slice", key.slice())
                .append("metric", key.metric())
                .append("scoring", key.scoring())
                .append("scaleMin", key.scaleMin())
                .append("scaleMax", key.scaleMax())
                .append("scale", key.scale())
                .append("gran", key.granularity().value())
                .append("period", key.period().toString());
    }

    static MetricBucket metric(Document doc) {
        Map<Integer, Long> histogram = new TreeMap<>();
        counts(doc, "hist").forEach((score, count) -> histogram.put(Integer.parseInt(score), count));
        return new MetricBucket(doc.getString("sid"), doc.getString("metric"), doc.getString("scoring"),
                doc.getInteger("scaleMin"), doc.getInteger("scaleMax"), LocalDate.parse(doc.getString("period")),
                number(doc, "n"), number(doc, "sum"), number(doc, "sumSq"), histogram);
    }

    static PairBucket pair(Document doc) {
        return new PairBucket(doc.getString("sid"), doc.getString("metric"), doc.getString("scale"),
                LocalDate.parse(doc.getString("period")), number(doc, "n"), number(doc, "sx"), number(doc, "sy"),
                number(doc, "sxx"), number(doc, "syy"), number(doc, "sxy"), counts(doc, "joint"));
    }

    static InteractionBucket interaction(Document doc) {
        return new InteractionBucket(doc.getString("sid"), LocalDate.parse(doc.getString("period")), number(doc, "n"),
                counts(doc, "outcome"), number(doc, "durN"), number(doc, "durSum"));
    }

    private static Map<String, Long> counts(Document doc, String field) {
        Map<String, Long> counts = new TreeMap<>();
        Document nested = doc.get(field, Document.class);
        if (nested != null) {
            nested.forEach((key, value) -> counts.put(key, ((Number) value).longValue()));
        }
        return counts;
    }

    private static long number(Document doc, String field) {
        Number value = doc.get(field, Number.class);
        return value == null ? 0 : value.longValue();
    }
}
