package io.effortmap.metrics.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.effortmap.metrics.aggregate.repository.AggregateRepository;
import io.effortmap.metrics.aggregate.service.AggregateDelta;
import io.effortmap.metrics.aggregate.service.BucketPlanner;
import io.effortmap.metrics.feed.client.ResponseFeedPage.Answer;
import io.effortmap.metrics.feed.client.ResponseFeedPage.ResponseEvent;
import io.effortmap.metrics.testing.UpstreamStubResource;
import io.effortmap.testsupport.MongoResource;
import io.effortmap.testsupport.TestOidcResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How fast the ingestion path turns feed pages into buckets for a backfill of history in random time order, next to the
 * same number of current-time responses, in the same run: N responses (default 20,000, {@code -Dbench.responses}) of
 * one workspace and journey, 50 touchpoints, CES 1–7 and CSAT 1–5, applied in feed pages of {@code -Dbench.page}
 * (default 1,000, the deployed FEED_BATCH_SIZE) through BucketPlanner + AggregateRepository, each scenario into a
 * bucket collection of its own. History: occurredAt uniform over the 730 days before now, in random order. Current:
 * the last hour. It measures the bucket path only (no feed HTTP, no survey-service); the gap it shows is the
 * coalescing a page gets: current answers share their day, week and month buckets, history answers rarely do.
 * Run: {@code mvn -B -o -pl metrics-service verify -Pbench -Dtest=HistoryIngestionBenchmark}.
 */
@Tag("bench")
@QuarkusTest
@TestProfile(HistoryIngestionBenchmark.LongOperations.class)
@WithTestResource(MongoResource.class)
@WithTestResource(TestOidcResource.class)
@WithTestResource(UpstreamStubResource.class)
class HistoryIngestionBenchmark {

    /**
     * As {@link QueryBenchmark.ManualIngestion}, and a store operation may take as long as it takes: a page of history
     * is one bulk write of tens of thousands of bucket updates, longer than the deployed 5 s limit on the in-memory
     * store (a finding this benchmark reports; the deployed ingestor would retry such a page).
     */
    public static class LongOperations extends QueryBenchmark.ManualIngestion {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new java.util.HashMap<>(super.getConfigOverrides());
            overrides.put("effortmap.store.operation-timeout", "10m");
            return overrides;
        }
    }

    private static final String WS = "ws-history-bench";
    private static final String JOURNEY = "jr_HistoryBench1";
    private static final int TOUCHPOINTS = 50;
    private static final Duration WAIT = Duration.ofMinutes(30);

    @Inject
    BucketPlanner planner;
    @Inject
    AggregateRepository buckets;

    @Test
    void historyInRandomOrderAgainstCurrentTimeResponses() {
        int total = Integer.getInteger("bench.responses", 20_000);
        int pageSize = Integer.getInteger("bench.page", 1_000);
        long seed = Long.getLong("bench.seed", 20261204L);
        Instant now = Instant.now();
        long twoYears = Duration.ofDays(730).toSeconds();

        // Untimed warm-up of both kinds, so neither scenario pays for the JIT alone.
        Random warm = new Random(seed);
        load("warmup", 900, Math.min(total / 4, 5_000), pageSize,
                i -> now.minusSeconds(i % 2 == 0 ? warm.nextInt(3600) : (long) (warm.nextDouble() * twoYears))
                        .getEpochSecond(), seed);
        Random currentRandom = new Random(seed);
        Result current = load("current", 901, total, pageSize,
                i -> now.minusSeconds(currentRandom.nextInt(3600)).getEpochSecond(), seed);
        Random historyRandom = new Random(seed + 1);
        Result history = load("history", 902, total, pageSize,
                i -> now.minusSeconds((long) (historyRandom.nextDouble() * twoYears)).getEpochSecond(), seed);

        System.out.printf("%n%-8s %12s %12s %16s %14s%n", "data", "responses", "seconds", "responses/s", "bucket writes");
        for (Result r : List.of(current, history)) {
            System.out.printf("%-8s %,12d %12.1f %,16.0f %,14d%n", r.name(), r.responses(), r.seconds(), r.rate(),
                    r.writes());
        }
        System.out.printf("current / history: %.1fx (goal of issue 15: at most 2x)%n%n", current.rate() / history.rate());
        assertThat(current.responses()).isEqualTo(total);
        assertThat(history.responses()).isEqualTo(total);
    }

    private record Result(String name, long responses, double seconds, long writes) {
        double rate() {
            return responses / seconds;
        }
    }

    /** Generates and applies {@code total} responses page by page; only the bucket path is timed. */
    private Result load(String name, int generation, int total, int pageSize, LongUnaryOperator epochSecond, long seed) {
        Random random = new Random(seed + 7);
        List<ResponseEvent> page = new ArrayList<>(pageSize);
        long nanos = 0;
        long writes = 0;
        for (int i = 1; i <= total; i++) {
            Instant at = Instant.ofEpochSecond(epochSecond.applyAsLong(i));
            int tp = random.nextInt(TOUCHPOINTS);
            List<Answer> answers = List.of(new Answer("ces", "CES", 1, 7, "CES_AGREEMENT", 1 + random.nextInt(7), null),
                    new Answer("csat", "CSAT", 1, 5, "CSAT", 1 + random.nextInt(5), null));
            String position = "0".repeat(20 - Integer.toString(i).length()) + i;
            page.add(new ResponseEvent(position, name + "-" + i, WS, "5b000000-0000-4000-8000-%012d".formatted(tp),
                    JOURNEY, "tp_hb%010d".formatted(tp), "web", "c-" + random.nextInt(50_000), Map.of(), at, at,
                    answers));
            if (page.size() == pageSize || i == total) {
                long t0 = System.nanoTime();
                BucketPlanner.Page planned = planner.page(page);
                Map<String, String> applied = buckets.appliedPositions(generation, planned.keys()).await().atMost(WAIT);
                Collection<AggregateDelta> deltas = planned.plan(applied);
                buckets.apply(generation, deltas, applied).await().atMost(WAIT);
                nanos += System.nanoTime() - t0;
                writes += deltas.size();
                page.clear();
            }
        }
        return new Result(name, total, nanos / 1e9, writes);
    }
}
