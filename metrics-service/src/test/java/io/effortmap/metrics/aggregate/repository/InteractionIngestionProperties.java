package io.effortmap.metrics.aggregate.repository;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import io.effortmap.localmongo.LocalMongoBackends;
import io.effortmap.metrics.aggregate.service.AggregateDelta;
import io.effortmap.metrics.aggregate.service.BucketPlanner;
import io.effortmap.metrics.aggregate.service.Dimensions;
import io.effortmap.metrics.aggregate.service.InteractionPlanner;
import io.effortmap.metrics.feed.client.InteractionFeedPage.InteractionEvent;
import io.quarkus.mongodb.impl.ReactiveMongoClientImpl;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import io.effortmap.metrics.testing.StoredBuckets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.bson.Document;

/**
 * Random interactions fed through the interaction planner and the repository in random pages, with replays and
 * crashes half-way through a page's writes: every interaction bucket equals a brute-force recount of the raw events.
 */
class InteractionIngestionProperties {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Dimensions DIMENSIONS = new Dimensions(List.of(), Map.of("ws-berlin", ZoneId.of("Europe/Berlin")));
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static MongoServer server;
    private static ReactiveMongoClient client;

    @BeforeContainer
    static void startMongo() {
        server = new MongoServer(LocalMongoBackends.memory());
        client = new ReactiveMongoClientImpl(MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort()));
    }

    @AfterContainer
    static void stopMongo() {
        client.close();
        server.shutdownNow();
    }

    @Property(tries = 40)
    void everyInteractionBucketEqualsBruteForce(@ForAll("interactions") List<InteractionEvent> events,
            @ForAll long seed) {
        String database = "ix" + DATABASES.incrementAndGet();
        AggregateRepository repository = StoredBuckets.repository(client, database);
        InteractionPlanner planner = new InteractionPlanner(new BucketPlanner(DIMENSIONS));
        Random random = new Random(seed);
        List<List<InteractionEvent>> applied = new ArrayList<>();
        int cursor = 0;
        while (cursor < events.size()) {
            List<InteractionEvent> page = events.subList(cursor, Math.min(events.size(), cursor + 1 + random.nextInt(6)));
            Map<String, String> positions = repository.appliedPositions(1, planner.keys(page)).await().atMost(WAIT);
            Collection<AggregateDelta> deltas = planner.plan(page, positions);
            if (random.nextInt(4) == 0) {
                repository.apply(1, deltas.stream().filter(d -> random.nextBoolean()).toList(), positions)
                        .await().atMost(WAIT);
                continue;
            }
            repository.apply(1, deltas, positions).await().atMost(WAIT);
            applied.add(page);
            cursor += page.size();
            if (random.nextInt(3) == 0) {
                List<InteractionEvent> old = applied.get(random.nextInt(applied.size()));
                Map<String, String> now = repository.appliedPositions(1, planner.keys(old)).await().atMost(WAIT);
                repository.apply(1, planner.plan(old, now), now).await().atMost(WAIT);
            }
        }
        List<Document> docs = StoredBuckets.flattened(client, database);
        long memberships = 0;
        for (Document doc : docs) {
            long n = 0;
            long durN = 0;
            long durSum = 0;
            Map<String, Long> outcomes = new TreeMap<>();
            for (InteractionEvent e : events) {
                if (member(e, doc)) {
                    n++;
                    outcomes.merge(e.outcome(), 1L, Long::sum);
                    if (e.durationSeconds() != null) {
                        durN++;
                        durSum += e.durationSeconds();
                    }
                }
            }
            memberships += n;
            assertThat(List.of(number(doc, "n"), number(doc, "durN"), number(doc, "durSum")))
                    .as("%s", doc.get("_id")).containsExactly(n, durN, durSum);
            Map<String, Long> stored = new TreeMap<>();
            doc.get("outcome", Document.class).forEach((k, v) -> stored.put(k, ((Number) v).longValue()));
            assertThat(stored).as("outcomes of %s", doc.get("_id")).isEqualTo(outcomes);
        }
        // journey, stage and touchpoint × day, week and month
        assertThat(memberships).isEqualTo(events.size() * 9L);
    }

    private static boolean member(InteractionEvent e, Document doc) {
        String sid = switch (doc.getString("scope")) {
            case "journey" -> e.journeyId();
            case "stage" -> e.journeyId() + "/" + e.stageId();
            case "touchpoint" -> e.journeyId() + "/" + e.touchpointId();
            default -> throw new AssertionError("unexpected scope " + doc.getString("scope"));
        };
        LocalDate day = e.occurredAt().atZone(DIMENSIONS.zone(e.workspace())).toLocalDate();
        LocalDate start = switch (doc.getString("gran")) {
            case "day" -> day;
            case "week" -> day.minusDays(day.getDayOfWeek().getValue() - 1);
            default -> day.withDayOfMonth(1);
        };
        return e.workspace().equals(doc.getString("ws")) && sid.equals(doc.getString("sid"))
                && start.toString().equals(doc.getString("period"));
    }

    private static long number(Document doc, String field) {
        Number value = doc.get(field, Number.class);
        return value == null ? 0 : value.longValue();
    }

    @Provide
    Arbitrary<List<InteractionEvent>> interactions() {
        Arbitrary<InteractionEvent> event = Combinators.combine(
                        Arbitraries.of("ws-utc", "ws-berlin"),
                        Arbitraries.of("j1", "j2"),
                        Arbitraries.of("st1", "st2"),
                        Arbitraries.of("t1", "t2", "t3"),
                        Arbitraries.of("resolved", "unresolved", "abandoned", "escalated"),
                        Arbitraries.integers().between(0, 3600).injectNull(0.3),
                        Arbitraries.longs().between(Instant.parse("2026-10-26T00:00:00Z").getEpochSecond(),
                                Instant.parse("2026-11-03T00:00:00Z").getEpochSecond()))
                .as((ws, journey, stage, touchpoint, outcome, duration, at) -> new InteractionEvent(null, null, ws, "c",
                        journey, touchpoint, stage, "web", Instant.ofEpochSecond(at), outcome, duration, Map.of(), null));
        return event.list().ofMinSize(1).ofMaxSize(30).map(raw -> {
            List<InteractionEvent> out = new ArrayList<>();
            for (int i = 0; i < raw.size(); i++) {
                InteractionEvent e = raw.get(i);
                out.add(new InteractionEvent(String.format("%019d", i + 1), "ix" + i, e.workspace(), e.customerId(),
                        e.journeyId(), e.touchpointId(), e.stageId(), e.channel(), e.occurredAt(), e.outcome(),
                        e.durationSeconds(), e.segments(), e.receivedAt()));
            }
            return out;
        });
    }
}
