package io.effortmap.gateway.ratelimit.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long T0 = 42 * SECOND;

    @Test
    void burstThenRejectionWithTheWaitForTheNextToken() {
        TokenBucket bucket = new TokenBucket(2, 0.2, T0);
        assertThat(bucket.take(T0)).isEqualTo(new RateLimitDecision(true, 2, 1, 0, 5));
        assertThat(bucket.take(T0)).isEqualTo(new RateLimitDecision(true, 2, 0, 0, 10));
        assertThat(bucket.take(T0)).isEqualTo(new RateLimitDecision(false, 2, 0, 5, 10));
        // 1 s later the next token is 4 s away and a rejection changes nothing.
        assertThat(bucket.take(T0 + SECOND)).isEqualTo(new RateLimitDecision(false, 2, 0, 4, 9));
        assertThat(bucket.take(T0 + SECOND)).isEqualTo(new RateLimitDecision(false, 2, 0, 4, 9));
    }

    @Test
    void tokensComeBackAtTheRefillRateUpToTheCapacity() {
        TokenBucket bucket = new TokenBucket(3, 2, T0);
        for (int i = 0; i < 3; i++) {
            assertThat(bucket.take(T0).allowed()).isTrue();
        }
        assertThat(bucket.take(T0).allowed()).isFalse();
        assertThat(bucket.take(T0 + SECOND / 2).allowed()).isTrue();
        assertThat(bucket.take(T0 + SECOND / 2).allowed()).isFalse();
        assertThat(bucket.isFull(T0 + SECOND)).isFalse();
        assertThat(bucket.isFull(T0 + 2 * SECOND)).isTrue();
        // Long idle: full again, not more than full.
        RateLimitDecision afterIdle = bucket.take(T0 + 3600 * SECOND);
        assertThat(afterIdle.allowed()).isTrue();
        assertThat(afterIdle.remaining()).isEqualTo(2);
    }

    @Test
    void fractionalRatesAndHugeBurstsKeepExactCounts() {
        TokenBucket third = new TokenBucket(1, 3, T0);
        assertThat(third.take(T0).allowed()).isTrue();
        assertThat(third.take(T0 + SECOND / 3).allowed()).isFalse();
        assertThat(third.take(T0 + SECOND / 3 + 1).allowed()).isTrue();

        TokenBucket unlimited = new TokenBucket(2_000_000_000, 2_000_000_000, T0);
        RateLimitDecision decision = unlimited.take(T0);
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.remaining()).isEqualTo(1_999_999_999);
    }

    /** Without time passing, exactly the capacity is granted however many threads race for it. */
    @Test
    void concurrentCallersNeverGetMoreThanTheCapacity() throws InterruptedException {
        TokenBucket bucket = new TokenBucket(1000, 0.001, T0);
        AtomicInteger allowed = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        Thread[] threads = new Thread[8];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < 500; i++) {
                    if (bucket.take(T0).allowed()) {
                        allowed.incrementAndGet();
                    }
                }
            });
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(allowed.get()).isEqualTo(1000);
    }
}
