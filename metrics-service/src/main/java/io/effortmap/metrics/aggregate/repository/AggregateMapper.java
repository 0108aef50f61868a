package io.effortmap.metrics.aggregate.repository;

import io.effortmap.metrics.aggregate.service.AggregateKey;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;

/** Bucket documents to and from their stored shape: key fields, the applied position, one entry per scale in {@code s}. */
final class AggregateMapper {

    static final String SCALES = "s";
    private static final Pattern SCALE = Pattern.compile("(.+):(-?\\d+)-(-?\\d+)");

    private AggregateMapper() {
    }

    static Document keyFields(AggregateKey key) {
        return new Document("ws", key.workspace())
                .append("scope", key.scope().value())
                .append("sid", key.scopeId())
                .append("journeyId", key.journeyId())
                .append("slice", key.slice())
                .append("metric", key.metric())
                .append("gran", key.granularity().value())
                .append("period", key.period().toString());
    }

    /** One bucket per scale stored in the document; the scale entry's name is {@code SCORING:min-max}. */
    static List<MetricBucket> metric(Document doc) {
        List<MetricBucket> buckets = new ArrayList<>();
        LocalDate period = period(doc);
        scales(doc).forEach((name, entry) -> {
            ScaleName scale = SCALE_NAMES.computeIfAbsent(name, ScaleName::parse);
            if (scale == ScaleName.INVALID) {
                return;
            }
            Map<Integer, Long> histogram = new TreeMap<>();
            counts(entry, "hist").forEach((score, count) -> histogram.put(Integer.parseInt(score), count));
            buckets.add(new MetricBucket(doc.getString("sid"), doc.getString("metric"), scale.scoring(), scale.min(),
                    scale.max(), period, number(entry, "n"), number(entry, "sum"), number(entry, "sumSq"), histogram));
        });
        return buckets;
    }

    /** A scale entry's name, parsed once: a scorecard maps thousands of buckets with a handful of distinct scales. */
    private record ScaleName(String scoring, int min, int max) {

        static final ScaleName INVALID = new ScaleName(null, 0, 0);

        static ScaleName parse(String name) {
            Matcher m = SCALE.matcher(name);
            return m.matches() ? new ScaleName(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)))
                    : INVALID;
        }
    }

    /** Scale names are written by this service (SCORING:min-max of the bounded scales), so the map stays small. */
    private static final Map<String, ScaleName> SCALE_NAMES = new ConcurrentHashMap<>();

    /** {@code yyyy-MM-dd} read directly (LocalDate.parse's formatter is a large share of mapping a bucket). */
    private static LocalDate period(Document doc) {
        String text = doc.getString("period");
        if (text.length() != 10) {
            return LocalDate.parse(text);
        }
        return LocalDate.of(Integer.parseInt(text, 0, 4, 10), Integer.parseInt(text, 5, 7, 10),
                Integer.parseInt(text, 8, 10, 10));
    }

    static List<PairBucket> pair(Document doc) {
        List<PairBucket> buckets = new ArrayList<>();
        scales(doc).forEach((scale, entry) -> buckets.add(new PairBucket(doc.getString("sid"), doc.getString("metric"),
                scale, period(doc), number(entry, "n"), number(entry, "sx"),
                number(entry, "sy"), number(entry, "sxx"), number(entry, "syy"), number(entry, "sxy"),
                counts(entry, "joint"))));
        return buckets;
    }

    static List<InteractionBucket> interaction(Document doc) {
        List<InteractionBucket> buckets = new ArrayList<>();
        scales(doc).forEach((scale, entry) -> buckets.add(new InteractionBucket(doc.getString("sid"),
                period(doc), number(entry, "n"), counts(entry, "outcome"),
                number(entry, "durN"), number(entry, "durSum"))));
        return buckets;
    }

    private static Map<String, Document> scales(Document doc) {
        Map<String, Document> scales = new TreeMap<>();
        Document nested = doc.get(SCALES, Document.class);
        if (nested != null) {
            nested.forEach((scale, entry) -> scales.put(scale, (Document) entry));
        }
        return scales;
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
