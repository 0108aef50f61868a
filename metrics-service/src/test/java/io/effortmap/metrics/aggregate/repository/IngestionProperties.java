package io.effortmap.metrics.aggregate.repository;

import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import io.effortmap.localmongo.LocalMongoBackends;
import io.effortmap.metrics.aggregate.service.AggregateDelta;
import io.effortmap.metrics.aggregate.service.BucketPlanner;
import io.effortmap.metrics.aggregate.service.Dimensions;
import io.effortmap.metrics.feed.client.ResponseFeedPage.Answer;
import io.effortmap.metrics.feed.client.ResponseFeedPage.ResponseEvent;
import io.effortmap.metrics.testing.BruteForce;
import io.effortmap.metrics.testing.StoredBuckets;
import io.quarkus.mongodb.impl.ReactiveMongoClientImpl;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random responses on random scales, touchpoints, workspaces (three time zones) and days, fed through the planner and
 * the repository in random page sizes, with random replays of applied pages and random crashes half-way through a
 * page's writes: every bucket and every figure must equal a brute-force recomputation from the raw events.
 */
class IngestionProperties {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Dimensions DIMENSIONS = new Dimensions(List.of("region", "plan"),
            Map.of("ws-berlin", ZoneId.of("Europe/Berlin"), "ws-ny", ZoneId.of("America/New_York")));
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static MongoServer server;
    private static ReactiveMongoClient client;

    @BeforeContainer
    static void startMongo() {
        server = new MongoServer(LocalMongoBackends.memory());
        InetSocketAddress address = server.bind();
        client = new ReactiveMongoClientImpl(MongoClients.create("mongodb://127.0.0.1:" + address.getPort()));
    }

    @AfterContainer
    static void stopMongo() {
        client.close();
        server.shutdownNow();
    }

    @Property(tries = 50)
    void everyFigureEqualsBruteForceWhateverThePagingReplaysAndCrashes(
            @ForAll("responses") List<ResponseEvent> events, @ForAll long seed) {
        String database = "prop" + DATABASES.incrementAndGet();
        AggregateRepository repository = StoredBuckets.repository(client, database);
        BucketPlanner planner = new BucketPlanner(DIMENSIONS);
        Random random = new Random(seed);
        List<List<ResponseEvent>> applied = new ArrayList<>();
        int cursor = 0;
        while (cursor < events.size()) {
            List<ResponseEvent> page = events.subList(cursor, Math.min(events.size(), cursor + 1 + random.nextInt(7)));
            if (random.nextInt(4) == 0) {
                // Crash after some of the page's bucket writes: the cursor stays, so the page is read again.
                crashMidPage(repository, planner, page, random);
                continue;
            }
            apply(repository, planner, page);
            applied.add(page);
            cursor += page.size();
            if (random.nextInt(3) == 0) {
                // A replica with a stale cursor, or a retry after a lost cursor write, applies an old page again.
                apply(repository, planner, applied.get(random.nextInt(applied.size())));
            }
        }
        new BruteForce(events, DIMENSIONS).verify(repository, client, database);
    }

    private static void apply(AggregateRepository repository, BucketPlanner planner, List<ResponseEvent> page) {
        Map<String, String> positions = repository.appliedPositions(1, planner.keys(page)).await().atMost(WAIT);
        repository.apply(1, planner.plan(page, positions), positions).await().atMost(WAIT);
    }

    private static void crashMidPage(AggregateRepository repository, BucketPlanner planner, List<ResponseEvent> page,
            Random random) {
        Map<String, String> positions = repository.appliedPositions(1, planner.keys(page)).await().atMost(WAIT);
        Collection<AggregateDelta> deltas = planner.plan(page, positions);
        List<AggregateDelta> some = deltas.stream().filter(d -> random.nextBoolean()).toList();
        repository.apply(1, some, positions).await().atMost(WAIT);
    }

    @Provide
    Arbitrary<List<ResponseEvent>> responses() {
        Arbitrary<Map<String, String>> segments = Combinators.combine(
                        Arbitraries.of("EU", "US").injectNull(0.3), Arbitraries.of("free", "pro").injectNull(0.5))
                .as((region, plan) -> {
                    Map<String, String> map = new HashMap<>();
                    if (region != null) {
                        map.put("region", region);
                    }
                    if (plan != null) {
                        map.put("plan", plan);
                    }
                    return map;
                });
        Arbitrary<Instant> occurredAt = Arbitraries.longs()
                .between(Instant.parse("2026-10-26T00:00:00Z").getEpochSecond(),
                        Instant.parse("2026-11-03T00:00:00Z").getEpochSecond())
                .map(Instant::ofEpochSecond);
        Arbitrary<ResponseEvent> event = Combinators.combine(
                        Arbitraries.of("ws-utc", "ws-berlin", "ws-ny"),
                        Arbitraries.of("s1", "s2"),
                        Arbitraries.of("j1", "j2"),
                        Arbitraries.of("t1", "t2", "t3"),
                        Arbitraries.of("web", "phone").injectNull(0.2),
                        segments,
                        occurredAt,
                        answer().list().ofMinSize(0).ofMaxSize(4))
                .as((ws, survey, journey, touchpoint, channel, segs, at, answers) ->
                        new ResponseEvent(null, null, ws, survey, journey, touchpoint, channel, "c", segs, at, at, answers));
        return event.list().ofMinSize(1).ofMaxSize(30).map(IngestionProperties::positioned);
    }

    /** Feed positions and ids in order, the way the feed serves them. */
    private static List<ResponseEvent> positioned(List<ResponseEvent> raw) {
        List<ResponseEvent> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            ResponseEvent e = raw.get(i);
            out.add(new ResponseEvent(String.format("%020d", i + 1), "r" + i, e.workspace(), e.surveyId(), e.journeyId(),
                    e.touchpointId(), e.channel(), e.customerId(), e.segments(), e.occurredAt(), e.receivedAt(),
                    e.answers()));
        }
        return out;
    }

    private static Arbitrary<Answer> answer() {
        return Arbitraries.oneOf(
                scored("ces", "CES", 1, 7, "CES_AGREEMENT"),
                scored("effort", "CES", 1, 5, "CES_EFFORT"),
                scored("csat", "CSAT", 1, 5, "CSAT"),
                scored("csat7", "CSAT", 1, 7, "CSAT"),
                scored("nps", "NPS", 0, 10, "NPS"),
                Arbitraries.strings().alpha().ofMaxLength(5).map(t -> new Answer("why", "COMMENT", null, null, "TEXT", null, t)));
    }

    private static Arbitrary<Answer> scored(String key, String kind, int min, int max, String scoring) {
        return Arbitraries.integers().between(min, max).map(s -> new Answer(key, kind, min, max, scoring, s, null));
    }
}
