package io.effortmap.metrics.ingest.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.effortmap.metrics.aggregate.repository.AggregateRepository;
import io.effortmap.metrics.aggregate.repository.GenerationRepository;
import io.effortmap.metrics.aggregate.service.AggregateDelta;
import io.effortmap.metrics.aggregate.service.BucketPlanner;
import io.effortmap.metrics.config.MetricsConfig;
import io.effortmap.metrics.feed.client.ResponseFeedPage.Answer;
import io.effortmap.metrics.feed.client.ResponseFeedPage.ResponseEvent;
import io.effortmap.metrics.feed.client.SurveyFeedClient;
import io.effortmap.metrics.ingest.repository.CursorRepository;
import io.effortmap.metrics.ingest.repository.LeaseRepository;
import io.effortmap.metrics.testing.BruteForce;
import io.effortmap.metrics.testing.UpstreamStubResource;
import io.effortmap.testsupport.MongoResource;
import io.effortmap.testsupport.TestOidcResource;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.inject.Vetoed;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Real ingestors against the upstream stub's feed, driven poll by poll: one is killed half-way through a page's bucket
 * writes and a fresh instance resumes; three instances compete for the lease and the conditional writes. Afterwards
 * every bucket must equal a brute-force recomputation from the events fed: no loss, no double count.
 */
@QuarkusTest
@TestProfile(IngestorRecoveryTest.ManualIngestion.class)
@WithTestResource(MongoResource.class)
@WithTestResource(TestOidcResource.class)
@WithTestResource(UpstreamStubResource.class)
class IngestorRecoveryTest {

    /** The app's own ingestor stays off; the tests run theirs. */
    public static class ManualIngestion implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("effortmap.metrics.feed.enabled", "false");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<ResponseEvent> FED = new ArrayList<>();
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @ConfigProperty(name = "quarkus.rest-client.survey-feed.url")
    String stub;
    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    @Inject
    SurveyFeedClient feed;
    @Inject
    AggregateRepository buckets;
    @Inject
    BucketPlanner planner;
    @Inject
    CursorRepository cursors;
    @Inject
    LeaseRepository leases;
    @Inject
    GenerationCoordinator coordinator;
    @Inject
    GenerationRepository generations;
    @Inject
    MetricsConfig config;
    @Inject
    Vertx vertx;
    @Inject
    ReactiveMongoClient mongo;

    @Test
    void ingestorKilledMidPageLosesAndDoublesNothingWhenAnotherResumes() {
        feedRandom("ws-crash", 60, new Random(7));
        AtomicInteger pages = new AtomicInteger();
        ResponseIngestor doomed = ingestor("doomed", new CrashingRepository(mongo, database, generations, 4, pages));

        assertThatThrownBy(() -> {
            while (true) {
                doomed.pollOnce().await().atMost(WAIT);
            }
        }).hasMessageContaining("killed");
        assertThat(pages.get()).isEqualTo(5);
        assertThat(cursor()).isLessThan(lastPosition());

        ResponseIngestor successor = ingestor("successor", buckets);
        drain(successor);

        new BruteForce(FED, planner.dimensions()).verify(buckets, mongo, database);
    }

    @Test
    void threeCompetingInstancesCountEveryResponseExactlyOnce() throws Exception {
        feedRandom("ws-race", 90, new Random(11));
        List<ResponseIngestor> instances = List.of(ingestor("i-1", buckets), ingestor("i-2", buckets),
                ingestor("i-3", buckets));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (ResponseIngestor instance : instances) {
                running.add(pool.submit(() -> drain(instance)));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        new BruteForce(FED, planner.dimensions()).verify(buckets, mongo, database);
    }

    /** Polls until the cursor is at the feed's end; lost lease races and concurrent-apply failures just poll again. */
    private void drain(ResponseIngestor ingestor) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!cursor().equals(lastPosition())) {
            assertThat(System.nanoTime()).as("drained in time").isLessThan(deadline);
            try {
                ingestor.pollOnce().await().atMost(WAIT);
            } catch (RuntimeException e) {
                // ConcurrentApplyException: another instance got there first; the page is read again.
            }
        }
    }

    private ResponseIngestor ingestor(String instance, AggregateRepository repository) {
        return new ResponseIngestor(feed, repository, planner, cursors, leases, coordinator, shortLeases(), vertx, instance,
                List.of());
    }

    /** A lease of 1 ms: it is practically always expired, so every instance keeps taking it and all write at once. */
    private MetricsConfig shortLeases() {
        MetricsConfig.Feed base = config.feed();
        MetricsConfig.Feed feedConfig = new MetricsConfig.Feed() {
            public boolean enabled() {
                return false;
            }

            public int batchSize() {
                return base.batchSize();
            }

            public Duration idlePoll() {
                return base.idlePoll();
            }

            public Duration errorBackoff() {
                return base.errorBackoff();
            }

            public Duration leaseTtl() {
                return Duration.ofMillis(1);
            }

            public Duration pollTimeout() {
                return base.pollTimeout();
            }
        };
        return new MetricsConfig() {
            public int lowSampleThreshold() {
                return config.lowSampleThreshold();
            }

            public Optional<List<String>> segmentAttributes() {
                return config.segmentAttributes();
            }

            public Optional<List<String>> timeZones() {
                return config.timeZones();
            }

            public EarlyWarning earlyWarning() {
                return config.earlyWarning();
            }

            public Duration journeyCacheFresh() {
                return config.journeyCacheFresh();
            }

            public Duration journeyCacheTtl() {
                return config.journeyCacheTtl();
            }

            public Feed feed() {
                return feedConfig;
            }

            public ServiceToken serviceToken() {
                return config.serviceToken();
            }

            public Alerts alerts() {
                return config.alerts();
            }

            public Webhooks webhooks() {
                return config.webhooks();
            }
        };
    }

    private String cursor() {
        String cursor = cursors.load(CursorRepository.key(ResponseIngestor.FEED, 1)).await().atMost(WAIT).cursor();
        return cursor == null ? "" : cursor;
    }

    private static String lastPosition() {
        return FED.getLast().position();
    }

    /** Writes the first {@code pagesBeforeCrash} pages, then half of the next page's buckets, then dies. */
    @Vetoed // not a bean: it would inherit @ApplicationScoped and compete with the real repository
    static class CrashingRepository extends AggregateRepository {
        private final int pagesBeforeCrash;
        private final AtomicInteger pages;

        CrashingRepository(ReactiveMongoClient mongo, String database, GenerationRepository generations,
                int pagesBeforeCrash, AtomicInteger pages) {
            super(mongo, database, generations);
            this.pagesBeforeCrash = pagesBeforeCrash;
            this.pages = pages;
        }

        @Override
        public Uni<Void> apply(int generation, Collection<AggregateDelta> deltas, Map<String, String> applied) {
            if (pages.incrementAndGet() <= pagesBeforeCrash) {
                return super.apply(generation, deltas, applied);
            }
            List<AggregateDelta> half = deltas.stream().limit(deltas.size() / 2).toList();
            return super.apply(generation, half, applied).chain(() -> Uni.createFrom().failure(new IllegalStateException("killed")));
        }
    }

    private void feedRandom(String workspace, int count, Random random) {
        String[] channels = {"web", "phone", null};
        for (int i = 0; i < count; i++) {
            Instant at = Instant.parse("2026-10-25T00:00:00Z").plusSeconds(random.nextInt(14 * 24 * 3600));
            List<Answer> answers = new ArrayList<>();
            answers.add(new Answer("ces", "CES", 1, 7, "CES_AGREEMENT", 1 + random.nextInt(7), null));
            if (random.nextBoolean()) {
                answers.add(new Answer("csat", "CSAT", 1, 5, "CSAT", 1 + random.nextInt(5), null));
            }
            if (random.nextBoolean()) {
                answers.add(new Answer("nps", "NPS", 0, 10, "NPS", random.nextInt(11), null));
            }
            Map<String, String> segments = new LinkedHashMap<>();
            if (random.nextBoolean()) {
                segments.put("region", random.nextBoolean() ? "EU" : "US");
            }
            ResponseEvent event = new ResponseEvent(null, workspace + "-" + i, workspace, "s-" + random.nextInt(2),
                    "j-rec", "tp-" + random.nextInt(3), channels[random.nextInt(3)], "c", segments, at, at, answers);
            Map<String, Object> body = JSON.convertValue(event, Map.class);
            body.remove("position");
            try {
                given().body(JSON.writeValueAsString(body)).post(stub + "/stub/responses").then().statusCode(204);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            synchronized (FED) {
                FED.add(new ResponseEvent(String.format("%020d", FED.size() + 1), event.id(), workspace,
                        event.surveyId(), event.journeyId(), event.touchpointId(), event.channel(), "c", segments, at, at,
                        answers));
            }
        }
    }
}
