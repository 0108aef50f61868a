package io.effortmap.metrics.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.effortmap.metrics.aggregate.repository.AggregateRepository;
import io.effortmap.metrics.aggregate.repository.MetricBucket;
import io.effortmap.metrics.aggregate.repository.PairBucket;
import io.effortmap.metrics.aggregate.service.Dimensions;
import io.effortmap.metrics.aggregate.service.FigureSet;
import io.effortmap.metrics.aggregate.service.Granularity;
import io.effortmap.metrics.aggregate.service.MetricFigure;
import io.effortmap.metrics.aggregate.service.PeriodRange;
import io.effortmap.metrics.aggregate.service.Scope;
import io.effortmap.metrics.aggregate.service.Statistics;
import io.effortmap.metrics.feed.client.ResponseFeedPage.Answer;
import io.effortmap.metrics.feed.client.ResponseFeedPage.ResponseEvent;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bson.Document;

/**
 * Recomputes every stored bucket straight from the raw events, with its own membership rules (no planner code), and
 * compares: every bucket exact, every answer in exactly as many buckets as it belongs to, and every figure read
 * through the repository's queries equal to the brute-force figure (counts exactly, means and correlations to 1e-9).
 */
public final class BruteForce {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Set<String> SCORED = Set.of("CES", "CSAT", "NPS");

    private final List<ResponseEvent> events;
    private final Dimensions dimensions;

    public BruteForce(List<ResponseEvent> events, Dimensions dimensions) {
        this.events = events;
        this.dimensions = dimensions;
    }

    /** {@code database} is the repository's database; its generation-1 buckets are read whole. */
    public void verify(AggregateRepository repository, ReactiveMongoClient mongo, String database) {
        List<Document> docs = StoredBuckets.flattened(mongo, database);
        Map<String, Integer> memberships = new HashMap<>();
        for (Document doc : docs) {
            if (doc.getString("metric").contains("_")) {
                verifyPair(doc);
            } else {
                verifyMetric(doc, memberships);
            }
        }
        for (ResponseEvent e : events) {
            for (int i = 0; i < e.answers().size(); i++) {
                Answer a = e.answers().get(i);
                if (SCORED.contains(a.kind())) {
                    assertThat(memberships.getOrDefault(e.id() + "#" + i, 0))
                            .as("buckets holding answer %s of %s", i, e.id()).isEqualTo(expectedMemberships(e, a));
                }
            }
        }
        verifyQueries(repository, docs);
    }

    /** scopes × slices × 3 granularities, counted from the rules in the README. */
    private int expectedMemberships(ResponseEvent e, Answer a) {
        int scopes = 1 + (e.surveyId() != null ? 1 : 0) + (e.surveyId() != null && a.questionKey() != null ? 1 : 0)
                + (e.journeyId() != null ? 1 : 0) + (e.journeyId() != null && e.touchpointId() != null ? 1 : 0);
        int channel = e.channel() != null ? 1 : 0;
        int segments = (int) dimensions.segmentAttributes().stream()
                .filter(attr -> e.segments() != null && e.segments().get(attr) != null).count();
        return scopes * (1 + channel + segments * (1 + channel)) * 3;
    }

    private void verifyMetric(Document doc, Map<String, Integer> memberships) {
        long n = 0;
        long sum = 0;
        long sumSq = 0;
        Map<String, Long> hist = new TreeMap<>();
        for (ResponseEvent e : events) {
            for (int i = 0; i < e.answers().size(); i++) {
                Answer a = e.answers().get(i);
                if (SCORED.contains(a.kind()) && inScope(e, a, doc) && inSlice(e, doc.getString("slice"))
                        && inPeriod(e, doc) && a.kind().equals(doc.getString("metric"))
                        && a.scoring().equals(doc.getString("scoring")) && a.scaleMin().equals(doc.getInteger("scaleMin"))
                        && a.scaleMax().equals(doc.getInteger("scaleMax"))) {
                    n++;
                    sum += a.score();
                    sumSq += (long) a.score() * a.score();
                    hist.merge(Integer.toString(a.score()), 1L, Long::sum);
                    memberships.merge(e.id() + "#" + i, 1, Integer::sum);
                }
            }
        }
        assertThat(doc.get("n", Number.class).longValue()).as("n of %s", doc.get("_id")).isEqualTo(n);
        assertThat(doc.get("sum", Number.class).longValue()).as("sum of %s", doc.get("_id")).isEqualTo(sum);
        assertThat(doc.get("sumSq", Number.class).longValue()).as("sumSq of %s", doc.get("_id")).isEqualTo(sumSq);
        assertThat(counts(doc.get("hist", Document.class))).as("hist of %s", doc.get("_id"))
                .containsExactlyInAnyOrderEntriesOf(hist);
    }

    private void verifyPair(Document doc) {
        List<int[]> pairs = pairs(doc);
        long sx = 0;
        long sy = 0;
        long sxx = 0;
        long syy = 0;
        long sxy = 0;
        Map<String, Long> joint = new TreeMap<>();
        for (int[] p : pairs) {
            sx += p[0];
            sy += p[1];
            sxx += (long) p[0] * p[0];
            syy += (long) p[1] * p[1];
            sxy += (long) p[0] * p[1];
            joint.merge(p[0] + "_" + p[1], 1L, Long::sum);
        }
        Object id = doc.get("_id");
        assertThat(doc.get("n", Number.class).longValue()).as("pair n of %s", id).isEqualTo(pairs.size());
        assertThat(List.of(longOf(doc, "sx"), longOf(doc, "sy"), longOf(doc, "sxx"), longOf(doc, "syy"),
                longOf(doc, "sxy"))).as("pair sums of %s", id).containsExactly(sx, sy, sxx, syy, sxy);
        assertThat(counts(doc.get("joint", Document.class))).as("joint of %s", id).containsExactlyInAnyOrderEntriesOf(joint);
    }

    /** Respondent pairs (first CES, first CSAT/NPS of a response) belonging to a pair bucket. */
    private List<int[]> pairs(Document doc) {
        String other = doc.getString("metric").substring(4);
        List<int[]> pairs = new ArrayList<>();
        for (ResponseEvent e : events) {
            Answer ces = first(e, "CES");
            Answer y = first(e, other);
            if (ces == null || y == null || !inScope(e, null, doc) || !inPeriod(e, doc)) {
                continue;
            }
            String scale = ces.scoring() + ":" + ces.scaleMin() + "-" + ces.scaleMax() + "~" + y.scoring() + ":"
                    + y.scaleMin() + "-" + y.scaleMax();
            if (scale.equals(doc.getString("scale"))) {
                pairs.add(new int[] {ces.score(), y.score()});
            }
        }
        return pairs;
    }

    /** Reads every (scope, slice, granularity, metric) through the repository queries and compares the figures. */
    private void verifyQueries(AggregateRepository repository, List<Document> docs) {
        Map<List<String>, List<Document>> groups = new LinkedHashMap<>();
        for (Document doc : docs) {
            groups.computeIfAbsent(List.of(doc.getString("ws"), doc.getString("scope"), doc.getString("sid"),
                    doc.getString("slice"), doc.getString("gran"), doc.getString("metric")), k -> new ArrayList<>()).add(doc);
        }
        groups.forEach((k, group) -> {
            LocalDate from = group.stream().map(d -> LocalDate.parse(d.getString("period"))).min(Comparator.naturalOrder()).orElseThrow();
            LocalDate to = group.stream().map(d -> LocalDate.parse(d.getString("period"))).max(Comparator.naturalOrder()).orElseThrow();
            Scope scope = Scope.valueOf(k.get(1).toUpperCase(java.util.Locale.ROOT));
            Granularity granularity = Granularity.valueOf(k.get(4).toUpperCase(java.util.Locale.ROOT));
            if (k.get(5).contains("_")) {
                List<PairBucket> found = repository.pairs(k.get(0), scope, List.of(k.get(2)), k.get(5), from, to)
                        .await().atMost(WAIT);
                verifyCorrelation(group, found);
            } else {
                List<MetricBucket> found = repository.metrics(k.get(0), scope, List.of(k.get(2)), k.get(3),
                        List.of(k.get(5)), granularity, from, to).await().atMost(WAIT);
                assertThat(found).hasSize(group.size());
                verifyFigures(group, found);
                if (granularity == Granularity.DAY) {
                    // The same days read as whole months, whole weeks and edge days must give the same figures.
                    verifyFigures(group, repository.metrics(k.get(0), scope, List.of(k.get(2)), k.get(3),
                            List.of(k.get(5)), new PeriodRange(from, to)).await().atMost(WAIT));
                }
            }
        });
    }

    private void verifyFigures(List<Document> group, List<MetricBucket> found) {
        List<MetricFigure> figures = new FigureSet().addAll(found).figures(30);
        assertThat(figures.stream().mapToLong(MetricFigure::n).sum())
                .isEqualTo(group.stream().mapToLong(d -> d.get("n", Number.class).longValue()).sum());
        for (MetricFigure figure : figures) {
            List<Integer> scores = scores(group, figure);
            assertThat(figure.n()).isEqualTo(scores.size());
            assertThat(figure.mean()).isCloseTo(scores.stream().mapToDouble(Integer::doubleValue).average()
                    .orElseThrow(), within(1e-9));
        }
    }

    private List<Integer> scores(List<Document> group, MetricFigure figure) {
        List<Integer> scores = new ArrayList<>();
        for (ResponseEvent e : events) {
            for (Answer a : e.answers()) {
                boolean member = group.stream().anyMatch(doc -> SCORED.contains(a.kind()) && inScope(e, a, doc)
                        && inSlice(e, doc.getString("slice")) && inPeriod(e, doc) && a.kind().equals(doc.getString("metric")));
                if (member && a.scoring().equals(figure.scoring()) && a.scaleMin() == figure.scaleMin()
                        && a.scaleMax() == figure.scaleMax()) {
                    scores.add(a.score());
                }
            }
        }
        return scores;
    }

    private void verifyCorrelation(List<Document> group, List<PairBucket> found) {
        Map<String, List<int[]>> byScale = new TreeMap<>();
        group.forEach(doc -> byScale.computeIfAbsent(doc.getString("scale"), s -> new ArrayList<>()).addAll(pairs(doc)));
        byScale.forEach((scale, raw) -> {
            List<PairBucket> buckets = found.stream().filter(b -> b.scale().equals(scale)).toList();
            long n = buckets.stream().mapToLong(PairBucket::n).sum();
            assertThat(n).isEqualTo(raw.size());
            Double pearson = Statistics.pearson(n, buckets.stream().mapToLong(PairBucket::sumX).sum(),
                    buckets.stream().mapToLong(PairBucket::sumY).sum(), buckets.stream().mapToLong(PairBucket::sumXX).sum(),
                    buckets.stream().mapToLong(PairBucket::sumYY).sum(), buckets.stream().mapToLong(PairBucket::sumXY).sum());
            Map<Integer, Map<Integer, Long>> joint = new TreeMap<>();
            buckets.forEach(b -> b.joint().forEach((cell, count) -> {
                String[] xy = cell.split("_");
                joint.computeIfAbsent(Integer.parseInt(xy[0]), x -> new TreeMap<>())
                        .merge(Integer.parseInt(xy[1]), count, Long::sum);
            }));
            Double spearman = Statistics.spearman(joint);
            Double expectedPearson = twoPassPearson(raw);
            Double expectedSpearman = twoPassPearson(ranked(raw));
            if (expectedPearson == null) {
                assertThat(pearson).isNull();
            } else {
                assertThat(pearson).isCloseTo(expectedPearson, within(1e-9));
            }
            if (expectedSpearman == null) {
                assertThat(spearman).isNull();
            } else {
                assertThat(spearman).isCloseTo(expectedSpearman, within(1e-9));
            }
        });
    }

    /** Textbook two-pass Pearson over raw pairs; null when a variable is constant. */
    private static Double twoPassPearson(List<? extends Object> pairs) {
        int n = pairs.size();
        if (n < 2) {
            return null;
        }
        double mx = 0;
        double my = 0;
        for (Object p : pairs) {
            mx += x(p) / n;
            my += y(p) / n;
        }
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (Object p : pairs) {
            sxy += (x(p) - mx) * (y(p) - my);
            sxx += (x(p) - mx) * (x(p) - mx);
            syy += (y(p) - my) * (y(p) - my);
        }
        if (sxx < 1e-12 || syy < 1e-12) {
            return null;
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    private static double x(Object p) {
        return p instanceof int[] i ? i[0] : ((double[]) p)[0];
    }

    private static double y(Object p) {
        return p instanceof int[] i ? i[1] : ((double[]) p)[1];
    }

    /** Replaces each value by its mid-rank found by sorting the raw observations. */
    private static List<double[]> ranked(List<int[]> raw) {
        double[] rx = midRanks(raw.stream().mapToInt(p -> p[0]).toArray());
        double[] ry = midRanks(raw.stream().mapToInt(p -> p[1]).toArray());
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            out.add(new double[] {rx[i], ry[i]});
        }
        return out;
    }

    private static double[] midRanks(int[] values) {
        double[] ranks = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            int below = 0;
            int equal = 0;
            for (int v : values) {
                below += v < values[i] ? 1 : 0;
                equal += v == values[i] ? 1 : 0;
            }
            ranks[i] = below + (equal + 1) / 2.0;
        }
        return ranks;
    }

    private boolean inScope(ResponseEvent e, Answer a, Document doc) {
        if (!e.workspace().equals(doc.getString("ws"))) {
            return false;
        }
        String sid = doc.getString("sid");
        return switch (doc.getString("scope")) {
            case "workspace" -> sid.equals(e.workspace());
            case "survey" -> sid.equals(e.surveyId());
            case "question" -> a != null && e.surveyId() != null && sid.equals(e.surveyId() + "/" + a.questionKey());
            case "journey" -> sid.equals(e.journeyId());
            case "touchpoint" -> e.journeyId() != null && sid.equals(e.journeyId() + "/" + e.touchpointId());
            default -> throw new AssertionError("unknown scope " + doc.getString("scope"));
        };
    }

    private boolean inSlice(ResponseEvent e, String slice) {
        if (slice.equals("all")) {
            return true;
        }
        for (String condition : slice.split(",")) {
            String[] kv = condition.split("=", 2);
            String actual = kv[0].equals("channel") ? e.channel() : e.segments() == null ? null : e.segments().get(kv[0]);
            if (!kv[1].equals(actual)) {
                return false;
            }
        }
        return true;
    }

    private boolean inPeriod(ResponseEvent e, Document doc) {
        LocalDate day = e.occurredAt().atZone(dimensions.zone(e.workspace())).toLocalDate();
        LocalDate start = switch (doc.getString("gran")) {
            case "day" -> day;
            case "week" -> day.minusDays(day.getDayOfWeek().getValue() - 1);
            case "month" -> LocalDate.of(day.getYear(), day.getMonth(), 1);
            default -> throw new AssertionError("unknown granularity");
        };
        return start.toString().equals(doc.getString("period"));
    }

    private static Answer first(ResponseEvent e, String kind) {
        return e.answers().stream().filter(a -> a.kind().equals(kind)).findFirst().orElse(null);
    }

    private static Map<String, Long> counts(Document nested) {
        Map<String, Long> counts = new TreeMap<>();
        if (nested != null) {
            nested.forEach((k, v) -> counts.put(k, ((Number) v).longValue()));
        }
        return counts;
    }

    private static long longOf(Document doc, String field) {
        return doc.get(field, Number.class).longValue();
    }
}
