package io.effortmap.common.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pings every 50 ms, 400 ms timeout, DOWN after 2 failures; the test answers each ping when it chooses. */
class StoreProbeTest {

    /** One event loop, so a test can keep the prober from sending pings by keeping that loop busy. */
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    private final Probe probe = new Probe(vertx);

    @AfterEach
    void stop() {
        probe.end();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void aPingAnsweredAfterItsTimeoutStillShowsTheStoreAnswering() {
        probe.begin();
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> !probe.pings.isEmpty());
        Promise<Void> slow = probe.pings.get(0);
        Awaitility.await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(5))
                .until(() -> probe.pings.size() >= 2); // the first timed out
        assertThat(probe.silenceNanos()).isEqualTo(Long.MAX_VALUE);

        slow.complete();

        assertThat(probe.silenceNanos()).isLessThan(TimeUnit.MILLISECONDS.toNanos(50));
        assertThat(probe.dropped.get()).as("one slow answer keeps the connection").isZero();
    }

    @Test
    void timeInWhichTheProberCouldNotSendAPingIsNotTheStoresSilence() throws InterruptedException {
        probe.answerAtOnce = true;
        probe.begin();
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> probe.silenceNanos() < Long.MAX_VALUE);

        // The prober's event loop is kept busy (a long handler on a starved CPU): no ping is sent meanwhile.
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch busy = new CountDownLatch(1);
        vertx.runOnContext(ignored -> {
            busy.countDown();
            awaitQuietly(release);
        });
        try {
            assertThat(busy.await(5, TimeUnit.SECONDS)).isTrue();
            Awaitility.await().pollDelay(Duration.ofMillis(800)).until(() -> true);

            assertThat(TimeUnit.NANOSECONDS.toMillis(probe.silenceNanos())).isLessThanOrEqualTo(50);
        } finally {
            release.countDown();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aPingLeftUnansweredIsSilenceFromOneIntervalBeforeItWasSent() {
        probe.begin();
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> !probe.pings.isEmpty());
        long answered = System.nanoTime();
        probe.pings.get(0).complete();

        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> probe.pings.size() >= 2);
        Awaitility.await().pollDelay(Duration.ofMillis(300)).until(() -> true);

        // The next ping went out about an interval after the answer: the silence is counted from the answer.
        assertThat(probe.silenceNanos()).isBetween(TimeUnit.MILLISECONDS.toNanos(250), System.nanoTime() - answered);
    }

    @Test
    void aStoreThatMissesPingsIsDownAndItsConnectionDroppedThenOneAnswerBringsItBack() {
        probe.begin();
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> !probe.pings.isEmpty());
        probe.pings.get(0).complete();
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(probe::isUp);

        // Nothing is answered from now on: two timeouts in a row.
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> !probe.isUp());
        assertThat(probe.dropped.get()).isPositive();
        assertThat(probe.call().getData()).get().satisfies(data -> assertThat(data.get("failure").toString())
                .contains("no answer within 400 ms"));

        int next = probe.pings.size();
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> probe.pings.size() > next);
        probe.pings.get(next).complete();
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(probe::isUp);
    }

    @Test
    void aFailedPingDropsTheConnectionAtOnce() {
        probe.begin();
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> !probe.pings.isEmpty());
        probe.pings.get(0).fail("connection reset");

        assertThat(probe.dropped.get()).isEqualTo(1);
        assertThat(probe.isUp()).isFalse();
    }

    private static final class Probe extends StoreProbe {

        final List<Promise<Void>> pings = new CopyOnWriteArrayList<>();
        final AtomicInteger dropped = new AtomicInteger();
        volatile boolean answerAtOnce;

        Probe(Vertx vertx) {
            super("store", new Config(), vertx);
        }

        @Override
        protected Uni<Void> ping() {
            Promise<Void> answer = Promise.promise();
            pings.add(answer);
            if (answerAtOnce) {
                answer.complete();
            }
            return Uni.createFrom().completionStage(answer.future().toCompletionStage());
        }

        @Override
        protected void afterFailure() {
            dropped.incrementAndGet();
        }
    }

    private record Config() implements StoreConfig {
        public Duration deadline() {
            return Duration.ofMillis(300);
        }

        public Duration operationTimeout() {
            return Duration.ofSeconds(1);
        }

        public Duration retryAfter() {
            return Duration.ofSeconds(1);
        }

        public Duration probeInterval() {
            return Duration.ofMillis(50);
        }

        public Duration probeTimeout() {
            return Duration.ofMillis(400);
        }

        public int probeFailures() {
            return 2;
        }
    }
}
