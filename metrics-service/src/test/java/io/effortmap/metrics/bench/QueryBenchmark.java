package io.effortmap.metrics.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.effortmap.metrics.aggregate.repository.AggregateRepository;
import io.effortmap.metrics.aggregate.service.AggregateDelta;
import io.effortmap.metrics.aggregate.service.AggregateKey;
import io.effortmap.metrics.aggregate.service.BucketPlanner;
import io.effortmap.metrics.feed.client.ResponseFeedPage.Answer;
import io.effortmap.metrics.feed.client.ResponseFeedPage.ResponseEvent;
import io.effortmap.metrics.testing.UpstreamStubResource;
import io.effortmap.testsupport.MongoResource;
import io.effortmap.testsupport.PostgresResource;
import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The journey scorecard and a year of weekly CES series, served by metrics-service from its buckets over HTTP, against
 * a brute-force aggregation of the same raw responses in PostgreSQL, in the same run. N responses (default 10,000,000,
 * {@code -Dbench.responses}) of one workspace and one journey (5 stages, 50 touchpoints, one survey per touchpoint with
 * a CES 1–7 agreement and a CSAT 1–5 question) are generated deterministically over the 365 days ending yesterday,
 * streamed in time-ordered feed pages through the real ingestion path (BucketPlanner + AggregateRepository) and, in the
 * same pass, through {@code COPY} into a plain raw table. Every query is warmed up and repeated; the figures of both
 * sides must agree (n and histograms exactly, means and shares to 1e-9) or the test fails. Not part of the test suite
 * (tag {@code bench}); run it with {@code mvn -B -pl metrics-service verify -Pbench} (see README, "Benchmarks").
 */
@Tag("bench")
@QuarkusTest
@TestProfile(QueryBenchmark.ManualIngestion.class)
@WithTestResource(MongoResource.class)
@WithTestResource(TestOidcResource.class)
@WithTestResource(UpstreamStubResource.class)
@WithTestResource(PostgresResource.class)
class QueryBenchmark {

    /**
     * The app's own feed ingestors stay off: the benchmark applies the pages itself. journey-service's answers are
     * reused as deployed (the test profile asks every time).
     */
    public static class ManualIngestion implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // The load is one long test step: no hang warnings (thread dumps) during it.
            return Map.of("effortmap.metrics.feed.enabled", "false", "quarkus.test.hang-detection-timeout", "6h",
                    "effortmap.metrics.journey-cache-fresh", "5s");
        }
    }

    private static final String WS = "ws-bench";
    private static final String JOURNEY = "jr_BenchJourney1";
    private static final int DAYS = 365;
    private static final int STAGES = 5;
    private static final int TOUCHPOINTS_PER_STAGE = 10;
    private static final String[] STAGE_NAMES = {"Discover", "Buy", "Onboard", "Use", "Support"};
    private static final String[] CHANNELS = {"web", "app", "email", "phone", "chat", "store"};
    private static final Duration WAIT = Duration.ofMinutes(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double TOLERANCE = 1e-9;

    @ConfigProperty(name = "quarkus.rest-client.survey-feed.url")
    String stub;
    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;
    @TestHTTPResource("/")
    URL root;

    @Inject
    BucketPlanner planner;
    @Inject
    AggregateRepository buckets;
    @Inject
    ReactiveMongoClient mongo;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void scorecardAndWeeklySeriesAgainstBruteForceSql() throws Exception {
        int total = Integer.getInteger("bench.responses", 10_000_000);
        int pageSize = Integer.getInteger("bench.page", 10_000);
        int runs = Integer.getInteger("bench.runs", 5);
        int warmups = Integer.getInteger("bench.warmups", 2);
        // A JIT-compiled service reaches its steady speed only after many calls (two left classes loading and code
        // interpreted in the timed runs); PostgreSQL has no JIT, its warm-ups only fill its buffer cache.
        int serviceWarmups = Integer.getInteger("bench.service-warmups", 30);
        long seed = Long.getLong("bench.seed", 20261122L);

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate first = today.minusDays(DAYS);
        LocalDate last = today.minusDays(1);
        Model model = Model.generate(new Random(seed));
        registerJourney(model);

        try (Connection pg = DriverManager.getConnection(
                ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class), "postgres", "postgres")) {
            createRawTable(pg);
            Load load = load(model, first, total, pageSize, seed, pg);
            RawTable raw = indexAndAnalyze(pg);
            assertThat(raw.rows()).isEqualTo(total);
            long bucketCount = mongo.getDatabase(database).getCollection(AggregateRepository.collectionName(1)).countDocuments()
                    .await().atMost(WAIT);

            Tp busiest = model.touchpoints().stream().max(Comparator.comparingDouble(Tp::weight)).orElseThrow();
            String range = "from=" + first + "&to=" + last;
            Instant start = first.atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant end = today.atStartOfDay(ZoneOffset.UTC).toInstant();

            List<Row> table = new ArrayList<>();
            Measured<JsonNode> scorecardApi = measure(serviceWarmups, runs, () -> get("/api/v1/metrics/journeys/" + JOURNEY
                    + "/scorecard?" + range));
            Measured<Map<String, Fig>> scorecardSql = measure(warmups, runs, () -> scorecardSql(pg, start, end));
            checkScorecard(model, scorecardApi.result(), scorecardSql.result());
            table.add(new Row("journey scorecard, 365 days (" + STAGES + " stages, " + model.touchpoints().size()
                    + " touchpoints, overall)", scorecardApi, scorecardSql));

            Measured<JsonNode> tpSeriesApi = measure(serviceWarmups, runs, () -> get("/api/v1/metrics/series?metric=CES"
                    + "&scope=touchpoint&id=" + busiest.id() + "&journeyId=" + JOURNEY + "&granularity=week&" + range));
            Measured<Map<LocalDate, Week>> tpSeriesSql = measure(warmups, runs,
                    () -> weeklySql(pg, busiest.id(), start, end));
            long tpAnswers = checkSeries(tpSeriesApi.result(), tpSeriesSql.result());
            table.add(new Row("weekly CES series, touchpoint " + busiest.id() + " (" + String.format("%,d", tpAnswers)
                    + " answers)", tpSeriesApi, tpSeriesSql));

            Measured<JsonNode> journeySeriesApi = measure(serviceWarmups, runs, () -> get("/api/v1/metrics/series?metric=CES"
                    + "&scope=journey&id=" + JOURNEY + "&granularity=week&" + range));
            Measured<Map<LocalDate, Week>> journeySeriesSql = measure(warmups, runs,
                    () -> weeklySql(pg, null, start, end));
            long journeyAnswers = checkSeries(journeySeriesApi.result(), journeySeriesSql.result());
            assertThat(journeyAnswers).isEqualTo(total);
            table.add(new Row("weekly CES series, whole journey (" + String.format("%,d", journeyAnswers)
                    + " answers)", journeySeriesApi, journeySeriesSql));

            report(total, pageSize, runs, warmups, serviceWarmups, first, last, load, raw, bucketCount, table, pg);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Data

    /** A touchpoint of the generated journey: volume weight, base CES (1–7 agreement) and the channels it serves. */
    record Tp(int index, String id, String stageId, String surveyId, String channel, double weight, double ease,
            String[] channels, double[] channelWeights, Double cesTarget) {
    }

    /** The journey map, and per-touchpoint skew: a few touchpoints are much harder, volumes are log-normal. */
    record Model(List<Tp> touchpoints, double[] cumulative, int degradedTouchpoint) {

        static Model generate(Random random) {
            List<Tp> tps = new ArrayList<>();
            int count = STAGES * TOUCHPOINTS_PER_STAGE;
            boolean[] hard = new boolean[count];
            for (int marked = 0; marked < 6; ) {
                int i = random.nextInt(count);
                if (!hard[i]) {
                    hard[i] = true;
                    marked++;
                }
            }
            for (int i = 0; i < count; i++) {
                String id = String.format("tp_benchmark%04d", i + 1);
                double weight = Math.exp(random.nextGaussian() * 0.9);
                double ease = hard[i] ? 2.9 + 0.4 * random.nextGaussian() : 5.3 + 0.5 * random.nextGaussian();
                int channelCount = 1 + random.nextInt(3);
                List<String> pool = new ArrayList<>(List.of(CHANNELS));
                String[] channels = new String[channelCount];
                double[] weights = new double[channelCount];
                for (int c = 0; c < channelCount; c++) {
                    channels[c] = pool.remove(random.nextInt(pool.size()));
                    weights[c] = c == 0 ? 3 : random.nextDouble() + 0.2;
                }
                Double target = random.nextInt(3) == 0 ? 5.0 : null;
                tps.add(new Tp(i, id, String.format("st_benchmark%04d", i / TOUCHPOINTS_PER_STAGE + 1), "s-" + id, channels[0], weight, ease,
                        channels, weights, target));
            }
            double[] cumulative = new double[count];
            double sum = 0;
            for (int i = 0; i < count; i++) {
                sum += tps.get(i).weight();
                cumulative[i] = sum;
            }
            for (int i = 0; i < count; i++) {
                cumulative[i] /= sum;
            }
            return new Model(tps, cumulative, random.nextInt(count));
        }

        Tp pick(Random random) {
            int i = Arrays.binarySearch(cumulative, random.nextDouble());
            return touchpoints.get(Math.min(touchpoints.size() - 1, i < 0 ? -i - 1 : i));
        }
    }

    /** One raw response before it becomes a feed event and a COPY line. */
    private record Raw(long epochSecond, Tp tp, String channel, int ces, int csat, int customer) {
    }

    /** How many responses each day gets: weekday/weekend rhythm, growth over the year, noise; sums to {@code total}. */
    private static int[] perDay(int total, LocalDate first, Random random) {
        double[] weights = new double[DAYS];
        double sum = 0;
        for (int d = 0; d < DAYS; d++) {
            DayOfWeek dow = first.plusDays(d).getDayOfWeek();
            boolean weekend = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
            weights[d] = (0.8 + 0.4 * d / (DAYS - 1)) * (weekend ? 0.55 : 1.0)
                    * Math.max(0.5, 1 + 0.1 * random.nextGaussian());
            sum += weights[d];
        }
        int[] counts = new int[DAYS];
        int assigned = 0;
        for (int d = 0; d < DAYS; d++) {
            counts[d] = (int) Math.floor(total * weights[d] / sum);
            assigned += counts[d];
        }
        for (int d = 0; assigned < total; d = (d + 1) % DAYS) {
            counts[d]++;
            assigned++;
        }
        return counts;
    }

    /** One day's responses in time order (stable sort: ties keep generation order, so positions are deterministic). */
    private static List<Raw> day(Model model, LocalDate date, int dayIndex, int count, Random random) {
        long midnight = date.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        List<Raw> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Tp tp = model.pick(random);
            String channel = tp.channels()[pickChannel(tp, random)];
            double ease = tp.ease() + (channel.equals("phone") ? -0.4 : channel.equals("app") ? 0.2 : 0.0);
            if (tp.index() == model.degradedTouchpoint() && dayIndex >= 200 && dayIndex < 228) {
                ease -= 1.5; // an incident: four bad weeks at one touchpoint
            }
            int ces = clamp((int) Math.round(ease + 1.3 * random.nextGaussian()), 1, 7);
            int csat = random.nextDouble() < 0.8
                    ? clamp((int) Math.round(1 + (ces - 1) * 4.0 / 6.0 + 0.8 * random.nextGaussian()), 1, 5)
                    : 0;
            long second = random.nextDouble() < 0.7 ? 8 * 3600 + random.nextInt(12 * 3600) : random.nextInt(86_400);
            rows.add(new Raw(midnight + second, tp, channel, ces, csat, random.nextInt(2_000_000)));
        }
        rows.sort(Comparator.comparingLong(Raw::epochSecond));
        return rows;
    }

    private static int pickChannel(Tp tp, Random random) {
        double total = 0;
        for (double w : tp.channelWeights()) {
            total += w;
        }
        double r = random.nextDouble() * total;
        for (int c = 0; c < tp.channelWeights().length; c++) {
            r -= tp.channelWeights()[c];
            if (r < 0) {
                return c;
            }
        }
        return tp.channelWeights().length - 1;
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }

    private static String position(long n) {
        String digits = Long.toString(n);
        return "0".repeat(20 - digits.length()) + digits;
    }

    private void registerJourney(Model model) throws Exception {
        List<Map<String, Object>> stages = new ArrayList<>();
        for (int s = 0; s < STAGES; s++) {
            List<Map<String, Object>> tps = new ArrayList<>();
            for (Tp tp : model.touchpoints().subList(s * TOUCHPOINTS_PER_STAGE, (s + 1) * TOUCHPOINTS_PER_STAGE)) {
                Map<String, Object> card = new LinkedHashMap<>();
                card.put("id", tp.id());
                card.put("name", STAGE_NAMES[s] + " touchpoint " + tp.id());
                card.put("channel", tp.channel());
                card.put("targets", tp.cesTarget() == null ? Map.of() : Map.of("CES", tp.cesTarget()));
                tps.add(card);
            }
            stages.add(Map.of("id", String.format("st_benchmark%04d", s + 1), "name", STAGE_NAMES[s], "touchpoints", tps));
        }
        Map<String, Object> journey = new LinkedHashMap<>();
        journey.put("id", JOURNEY);
        journey.put("name", "Benchmark journey");
        journey.put("status", "PUBLISHED");
        journey.put("version", 1);
        journey.put("stages", stages);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(stub + "/stub/journeys?workspace=" + WS + "&id=" + JOURNEY))
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(journey))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(204);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Load

    record Load(double generateSeconds, double bucketSeconds, double planSeconds, double copySeconds, int pages) {
    }

    private static void createRawTable(Connection pg) throws Exception {
        try (Statement st = pg.createStatement()) {
            st.execute("DROP TABLE IF EXISTS bench_response");
            st.execute("""
                    CREATE TABLE bench_response (
                        response_id   bigint      NOT NULL,
                        touchpoint_id text        NOT NULL,
                        stage_id      text        NOT NULL,
                        journey_id    text        NOT NULL,
                        survey_id     text        NOT NULL,
                        occurred_at   timestamptz NOT NULL,
                        channel       text,
                        ces           smallint,
                        csat          smallint)""");
        }
    }

    /**
     * Generates day by day, applies time-ordered pages through the planner and repository exactly as the ingestor does
     * (applied positions of the page's keys, plan, conditional apply), and sends the same rows to PostgreSQL with one
     * {@code COPY ... FROM STDIN} per page (each waits for the server's completion, so its time is the load's own).
     * Never more than one day's rows and one page are held in memory.
     */
    private Load load(Model model, LocalDate first, int total, int pageSize, long seed, Connection pg) throws Exception {
        Random random = new Random(seed + 1);
        int[] perDay = perDay(total, first, random);
        CopyManager copy = pg.unwrap(PGConnection.class).getCopyAPI();
        String copySql = "COPY bench_response (response_id, touchpoint_id, stage_id, journey_id, survey_id,"
                + " occurred_at, channel, ces, csat) FROM STDIN";
        long copied = 0;
        long planNanos = 0;
        List<ResponseEvent> page = new ArrayList<>(pageSize);
        StringBuilder lines = new StringBuilder(pageSize * 96);
        long generateNanos = 0;
        long bucketNanos = 0;
        long copyNanos = 0;
        long sequence = 0;
        int pages = 0;
        long nextReport = total / 10;
        long wallStart = System.nanoTime();
        System.out.printf("%nloading %,d responses over %d days in pages of %,d ...%n", total, DAYS, pageSize);
        for (int d = 0; d < DAYS; d++) {
            long t0 = System.nanoTime();
            List<Raw> rows = day(model, first.plusDays(d), d, perDay[d], random);
            generateNanos += System.nanoTime() - t0;
            for (int i = 0; i < rows.size(); i++) {
                long g0 = System.nanoTime();
                Raw raw = rows.get(i);
                sequence++;
                Instant at = Instant.ofEpochSecond(raw.epochSecond());
                List<Answer> answers = raw.csat() == 0
                        ? List.of(new Answer("ces", "CES", 1, 7, "CES_AGREEMENT", raw.ces(), null))
                        : List.of(new Answer("ces", "CES", 1, 7, "CES_AGREEMENT", raw.ces(), null),
                                new Answer("csat", "CSAT", 1, 5, "CSAT", raw.csat(), null));
                page.add(new ResponseEvent(position(sequence), Long.toString(sequence), WS, raw.tp().surveyId(),
                        JOURNEY, raw.tp().id(), raw.channel(), "c-" + raw.customer(), Map.of(), at, at, answers));
                lines.append(sequence).append('\t').append(raw.tp().id()).append('\t').append(raw.tp().stageId())
                        .append('\t').append(JOURNEY).append('\t').append(raw.tp().surveyId()).append('\t')
                        .append(at).append('\t').append(raw.channel()).append('\t').append(raw.ces()).append('\t')
                        .append(raw.csat() == 0 ? "\\N" : Integer.toString(raw.csat())).append('\n');
                generateNanos += System.nanoTime() - g0;
                if (page.size() == pageSize || sequence == total) {
                    long b0 = System.nanoTime();
                    BucketPlanner.Page planned = planner.page(page);
                    List<AggregateKey> keys = planned.keys();
                    long k1 = System.nanoTime();
                    Map<String, String> applied = buckets.appliedPositions(1, keys).await().atMost(WAIT);
                    long k2 = System.nanoTime();
                    Collection<AggregateDelta> deltas = planned.plan(applied);
                    long k3 = System.nanoTime();
                    buckets.apply(1, deltas, applied).await().atMost(WAIT);
                    long b1 = System.nanoTime();
                    byte[] bytes = lines.toString().getBytes(StandardCharsets.UTF_8);
                    long c0 = System.nanoTime();
                    copied += copy.copyIn(copySql, new ByteArrayInputStream(bytes));
                    long c1 = System.nanoTime();
                    bucketNanos += b1 - b0;
                    planNanos += (k1 - b0) + (k3 - k2);
                    copyNanos += c1 - c0;
                    generateNanos += c0 - b1;
                    page.clear();
                    lines.setLength(0);
                    pages++;
                }
                if (sequence >= nextReport && total >= 10) {
                    System.out.printf("  %,11d responses (%3d%%), %6.0f s: buckets %7.1f s, COPY %6.1f s%n", sequence,
                            100 * sequence / total, (System.nanoTime() - wallStart) / 1e9, bucketNanos / 1e9,
                            copyNanos / 1e9);
                    nextReport += total / 10;
                }
            }
        }
        assertThat(copied).isEqualTo(total);
        return new Load(generateNanos / 1e9, bucketNanos / 1e9, planNanos / 1e9, copyNanos / 1e9, pages);
    }

    record RawTable(long rows, double indexSeconds, double analyzeSeconds, String size) {
    }

    /** The indexes a raw response table would have, built after the bulk load, then VACUUM ANALYZE. */
    private static RawTable indexAndAnalyze(Connection pg) throws Exception {
        try (Statement st = pg.createStatement()) {
            long t0 = System.nanoTime();
            st.execute("ALTER TABLE bench_response ADD PRIMARY KEY (response_id)");
            st.execute("CREATE INDEX bench_response_touchpoint ON bench_response (touchpoint_id, occurred_at)");
            st.execute("CREATE INDEX bench_response_journey ON bench_response (journey_id, occurred_at)");
            st.execute("CREATE INDEX bench_response_survey ON bench_response (survey_id, occurred_at)");
            long t1 = System.nanoTime();
            st.execute("VACUUM ANALYZE bench_response");
            long t2 = System.nanoTime();
            try (ResultSet rs = st.executeQuery("SELECT count(*), pg_size_pretty(pg_total_relation_size('bench_response'))"
                    + " FROM bench_response")) {
                rs.next();
                return new RawTable(rs.getLong(1), (t1 - t0) / 1e9, (t2 - t1) / 1e9, rs.getString(2));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Queries

    private JsonNode get(String pathAndQuery) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(root.toURI().resolve(pathAndQuery))
                .header("Authorization", "Bearer " + TestTokens.analyst(WS))
                .timeout(Duration.ofMinutes(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + pathAndQuery + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** The figures of one scorecard line (touchpoint, stage or the whole journey) for CES and CSAT. */
    record Fig(long cesN, double cesMean, double easyShare, long[] cesHistogram, long csatN, double csatMean,
            double satisfiedShare, long[] csatHistogram) {
    }

    private static final String SCORECARD_SQL = """
            SELECT grouping(stage_id, touchpoint_id) AS level, stage_id, touchpoint_id,
                   count(ces), avg(ces)::float8, (1.0 * count(*) FILTER (WHERE ces >= 5) / nullif(count(ces), 0))::float8,
                   count(*) FILTER (WHERE ces = 1), count(*) FILTER (WHERE ces = 2), count(*) FILTER (WHERE ces = 3),
                   count(*) FILTER (WHERE ces = 4), count(*) FILTER (WHERE ces = 5), count(*) FILTER (WHERE ces = 6),
                   count(*) FILTER (WHERE ces = 7),
                   count(csat), avg(csat)::float8,
                   (1.0 * count(*) FILTER (WHERE csat >= 4) / nullif(count(csat), 0))::float8,
                   count(*) FILTER (WHERE csat = 1), count(*) FILTER (WHERE csat = 2), count(*) FILTER (WHERE csat = 3),
                   count(*) FILTER (WHERE csat = 4), count(*) FILTER (WHERE csat = 5)
              FROM bench_response
             WHERE journey_id = ? AND occurred_at >= ? AND occurred_at < ?
             GROUP BY GROUPING SETS ((stage_id, touchpoint_id), (stage_id), ())""";

    /** Per touchpoint ("tp:id"), per stage ("stage:id") and overall ("journey"), straight from the raw rows. */
    private static Map<String, Fig> scorecardSql(Connection pg, Instant from, Instant to) throws Exception {
        Map<String, Fig> out = new LinkedHashMap<>();
        try (PreparedStatement ps = pg.prepareStatement(SCORECARD_SQL)) {
            ps.setString(1, JOURNEY);
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setTimestamp(3, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int level = rs.getInt(1);
                    String key = switch (level) {
                        case 0 -> "tp:" + rs.getString(3);
                        case 1 -> "stage:" + rs.getString(2);
                        default -> "journey";
                    };
                    long[] ces = new long[8];
                    for (int s = 1; s <= 7; s++) {
                        ces[s] = rs.getLong(6 + s);
                    }
                    long[] csat = new long[6];
                    for (int s = 1; s <= 5; s++) {
                        csat[s] = rs.getLong(16 + s);
                    }
                    out.put(key, new Fig(rs.getLong(4), rs.getDouble(5), rs.getDouble(6), ces, rs.getLong(14),
                            rs.getDouble(15), rs.getDouble(16), csat));
                }
            }
        }
        return out;
    }

    record Week(long n, double mean) {
    }

    private static Map<LocalDate, Week> weeklySql(Connection pg, String touchpointId, Instant from, Instant to)
            throws Exception {
        String sql = "SELECT date_trunc('week', occurred_at AT TIME ZONE 'UTC')::date, count(ces), avg(ces)::float8"
                + " FROM bench_response WHERE journey_id = ?" + (touchpointId == null ? "" : " AND touchpoint_id = ?")
                + " AND occurred_at >= ? AND occurred_at < ? AND ces IS NOT NULL GROUP BY 1 ORDER BY 1";
        Map<LocalDate, Week> out = new TreeMap<>();
        try (PreparedStatement ps = pg.prepareStatement(sql)) {
            int p = 1;
            ps.setString(p++, JOURNEY);
            if (touchpointId != null) {
                ps.setString(p++, touchpointId);
            }
            ps.setTimestamp(p++, Timestamp.from(from));
            ps.setTimestamp(p, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getObject(1, LocalDate.class), new Week(rs.getLong(2), rs.getDouble(3)));
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Checks: the benchmark also proves that both sides compute the same figures.

    private static void checkScorecard(Model model, JsonNode card, Map<String, Fig> sql) {
        assertThat(card.path("stages")).hasSize(STAGES);
        compare("journey", card.path("overall"), sql.get("journey"));
        int touchpoints = 0;
        for (JsonNode stage : card.path("stages")) {
            String stageId = stage.path("stageId").asText();
            compare("stage " + stageId, stage.path("metrics"), sql.get("stage:" + stageId));
            for (JsonNode tp : stage.path("touchpoints")) {
                String id = tp.path("touchpointId").asText();
                compare("touchpoint " + id, tp.path("metrics"), sql.get("tp:" + id));
                touchpoints++;
            }
        }
        assertThat(touchpoints).isEqualTo(model.touchpoints().size());
        // PostgreSQL has a line for every touchpoint and stage with rows (all of them, except at tiny sizes).
        assertThat(sql.size()).isLessThanOrEqualTo(1 + STAGES + model.touchpoints().size());
    }

    private static void compare(String what, JsonNode metrics, Fig expected) {
        assertThat(metrics.path("NPS")).as("%s: no NPS", what).isEmpty();
        if (expected == null) {
            // No raw rows (only at tiny sizes): no figures either.
            assertThat(metrics.path("CES")).as("%s: no CES figure without rows", what).isEmpty();
            assertThat(metrics.path("CSAT")).as("%s: no CSAT figure without rows", what).isEmpty();
            return;
        }
        assertThat(metrics.path("CES")).as("%s: one CES figure (one scale)", what).hasSize(1);
        if (expected.csatN() == 0) {
            assertThat(metrics.path("CSAT")).as("%s: no CSAT figure without CSAT answers", what).isEmpty();
        } else {
            assertThat(metrics.path("CSAT")).as("%s: one CSAT figure (one scale)", what).hasSize(1);
        }
        JsonNode ces = metrics.path("CES").get(0);
        assertThat(ces.path("n").asLong()).as("%s CES n", what).isEqualTo(expected.cesN());
        assertThat(ces.path("mean").asDouble()).as("%s CES mean", what).isCloseTo(expected.cesMean(), within(TOLERANCE));
        assertThat(ces.path("headline").path("name").asText()).isEqualTo("easyShare");
        assertThat(ces.path("headline").path("value").asDouble()).as("%s CES %% easy", what)
                .isCloseTo(expected.easyShare(), within(TOLERANCE));
        for (int s = 1; s <= 7; s++) {
            assertThat(ces.path("histogram").path(Integer.toString(s)).asLong()).as("%s CES histogram %d", what, s)
                    .isEqualTo(expected.cesHistogram()[s]);
        }
        if (expected.csatN() == 0) {
            return;
        }
        JsonNode csat = metrics.path("CSAT").get(0);
        assertThat(csat.path("n").asLong()).as("%s CSAT n", what).isEqualTo(expected.csatN());
        assertThat(csat.path("mean").asDouble()).as("%s CSAT mean", what)
                .isCloseTo(expected.csatMean(), within(TOLERANCE));
        assertThat(csat.path("headline").path("name").asText()).isEqualTo("satisfiedShare");
        assertThat(csat.path("headline").path("value").asDouble()).as("%s CSAT share 4-5", what)
                .isCloseTo(expected.satisfiedShare(), within(TOLERANCE));
        for (int s = 1; s <= 5; s++) {
            assertThat(csat.path("histogram").path(Integer.toString(s)).asLong()).as("%s CSAT histogram %d", what, s)
                    .isEqualTo(expected.csatHistogram()[s]);
        }
    }

    /** Every week of the answer against the SQL's weeks (a week without rows must have n 0); returns the total n. */
    private static long checkSeries(JsonNode answer, Map<LocalDate, Week> sql) {
        assertThat(answer.path("series")).as("one CES scale").hasSize(1);
        JsonNode points = answer.path("series").get(0).path("points");
        assertThat(points.size()).as("weeks").isBetween(53, 54);
        long total = 0;
        int withAnswers = 0;
        for (JsonNode point : points) {
            LocalDate week = LocalDate.parse(point.path("period").asText());
            long n = point.path("n").asLong();
            Week expected = sql.get(week);
            if (expected == null) {
                assertThat(n).as("week %s has no rows in PostgreSQL", week).isZero();
                continue;
            }
            withAnswers++;
            assertThat(n).as("week %s n", week).isEqualTo(expected.n());
            assertThat(point.path("mean").asDouble()).as("week %s mean", week)
                    .isCloseTo(expected.mean(), within(TOLERANCE));
            total += n;
        }
        assertThat(withAnswers).as("every week PostgreSQL has is in the series").isEqualTo(sql.size());
        return total;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Timing and report

    record Measured<T>(T result, double[] millis) {

        double median() {
            double[] sorted = millis.clone();
            Arrays.sort(sorted);
            int m = sorted.length / 2;
            return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
        }

        double min() {
            return Arrays.stream(millis).min().orElseThrow();
        }
    }

    /** {@code warmups} untimed calls, then {@code runs} timed ones; the last result is kept for the checks. */
    private static <T> Measured<T> measure(int warmups, int runs, Callable<T> call) throws Exception {
        for (int i = 0; i < warmups; i++) {
            call.call();
        }
        double[] millis = new double[runs];
        T result = null;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            result = call.call();
            millis[i] = (System.nanoTime() - t0) / 1e6;
        }
        return new Measured<>(result, millis);
    }

    record Row(String query, Measured<?> api, Measured<?> sql) {
    }

    private static void report(int total, int pageSize, int runs, int warmups, int serviceWarmups, LocalDate first,
            LocalDate last,
            Load load, RawTable raw, long bucketCount, List<Row> table, Connection pg) throws Exception {
        String settings;
        try (Statement st = pg.createStatement(); ResultSet rs = st.executeQuery("SELECT current_setting('server_version'),"
                + " current_setting('shared_buffers'), current_setting('work_mem'),"
                + " current_setting('max_parallel_workers_per_gather')")) {
            rs.next();
            settings = "PostgreSQL " + rs.getString(1) + ", shared_buffers " + rs.getString(2) + ", work_mem "
                    + rs.getString(3) + ", max_parallel_workers_per_gather " + rs.getString(4);
        }
        System.out.printf("%n== metrics-service query benchmark: %,d responses, %s..%s (%d days), 1 journey, %d stages,"
                + " %d touchpoints ==%n", total, first, last, DAYS, STAGES, STAGES * TOUCHPOINTS_PER_STAGE);
        System.out.printf("generate (not timed below):                       %8.1f s%n", load.generateSeconds());
        System.out.printf("load buckets (planner + appliedPositions + apply): %8.1f s  %,10.0f responses/s"
                + "  (%,d pages of %,d; %,d buckets; planning %.1f s, MongoDB %.1f s)%n", load.bucketSeconds(),
                total / load.bucketSeconds(), load.pages(), pageSize, bucketCount, load.planSeconds(),
                load.bucketSeconds() - load.planSeconds());
        System.out.printf("load PostgreSQL COPY (raw rows, one COPY per page): %7.1f s  %,10.0f rows/s%n",
                load.copySeconds(), total / load.copySeconds());
        System.out.printf("PostgreSQL: %,d rows, %s with 4 indexes (built in %.1f s), VACUUM ANALYZE %.1f s; %s%n",
                raw.rows(), raw.size(), raw.indexSeconds(), raw.analyzeSeconds(), settings);
        System.out.printf("%nqueries: %d timed runs each after %d warm-up calls (metrics-service) or %d (PostgreSQL),"
                + " milliseconds; all figures agree (n and histograms exactly, means and shares to 1e-9)%n", runs,
                serviceWarmups, warmups);
        System.out.printf("%-66s %22s %22s %8s%n", "query", "metrics-service median (min)", "PostgreSQL median (min)",
                "ratio");
        for (Row row : table) {
            System.out.printf("%-66s %14.1f (%6.1f) %14.1f (%6.1f) %8.2fx%n", row.query(), row.api().median(),
                    row.api().min(), row.sql().median(), row.sql().min(), row.sql().median() / row.api().median());
        }
        System.out.println("ratio = PostgreSQL median / metrics-service median (goal >= 100x)");
        System.out.println();
    }
}
