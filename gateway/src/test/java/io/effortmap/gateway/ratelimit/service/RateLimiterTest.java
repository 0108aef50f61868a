package io.effortmap.gateway.ratelimit.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.effortmap.gateway.ratelimit.config.RateLimitConfig;
import io.github.bucket4j.TimeMeter;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The per-caller buckets (Bucket4j) against a clock the test moves. */
class RateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    /** A clock that stands still until told to move. */
    private static final class Clock implements TimeMeter {
        volatile long nanos = 42 * SECOND;

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }

    private final Clock clock = new Clock();

    private RateLimiter limiter(int capacity, double refillPerSecond) {
        return new RateLimiter(config(capacity, refillPerSecond), clock);
    }

    @Test
    void burstThenRejectionWithTheWaitForTheNextToken() {
        RateLimiter limiter = limiter(2, 0.2);
        assertThat(limiter.forCaller("c", "web")).isEqualTo(new RateLimitDecision(true, 2, 1, 0, 5));
        assertThat(limiter.forCaller("c", "web")).isEqualTo(new RateLimitDecision(true, 2, 0, 0, 10));
        assertThat(limiter.forCaller("c", "web")).isEqualTo(new RateLimitDecision(false, 2, 0, 5, 10));
        // 1 s later the next token is 4 s away and a rejection changes nothing.
        clock.nanos += SECOND;
        assertThat(limiter.forCaller("c", "web")).isEqualTo(new RateLimitDecision(false, 2, 0, 4, 9));
        assertThat(limiter.forCaller("c", "web")).isEqualTo(new RateLimitDecision(false, 2, 0, 4, 9));
    }

    @Test
    void tokensComeBackAtTheRefillRateUpToTheCapacity() {
        RateLimiter limiter = limiter(3, 2);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.forCaller("c", "web").allowed()).isTrue();
        }
        assertThat(limiter.forCaller("c", "web").allowed()).isFalse();
        clock.nanos += SECOND / 2;
        assertThat(limiter.forCaller("c", "web").allowed()).isTrue();
        assertThat(limiter.forCaller("c", "web").allowed()).isFalse();
        // Long idle: full again, not more than full.
        clock.nanos += 3600 * SECOND;
        RateLimitDecision afterIdle = limiter.forCaller("c", "web");
        assertThat(afterIdle.allowed()).isTrue();
        assertThat(afterIdle.remaining()).isEqualTo(2);
    }

    @Test
    void fractionalRatesAndHugeBurstsKeepExactCounts() {
        RateLimiter third = limiter(1, 3);
        assertThat(third.forCaller("c", "web").allowed()).isTrue();
        clock.nanos += SECOND / 3;
        assertThat(third.forCaller("c", "web").allowed()).isFalse();
        clock.nanos += 1;
        assertThat(third.forCaller("c", "web").allowed()).isTrue();

        RateLimitDecision decision = limiter(2_000_000_000, 2_000_000_000).forCaller("c", "web");
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.remaining()).isEqualTo(1_999_999_999);
    }

    @Test
    void callersAndAddressesHaveBucketsOfTheirOwn() {
        RateLimiter limiter = limiter(1, 0.001);
        assertThat(limiter.forCaller("ana", "web").allowed()).isTrue();
        assertThat(limiter.forCaller("ana", "web").allowed()).isFalse();
        assertThat(limiter.forCaller("bob", "web").allowed()).isTrue();
        assertThat(limiter.forPublicCaller("ana").allowed()).isTrue();
    }

    /** Without time passing, exactly the capacity is granted however many threads race for it. */
    @Test
    void concurrentCallersNeverGetMoreThanTheCapacity() throws InterruptedException {
        RateLimiter limiter = limiter(1000, 0.001);
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
                    if (limiter.forCaller("shared", "web").allowed()) {
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

    private static RateLimitConfig config(int capacity, double refillPerSecond) {
        RateLimitConfig.Bucket bucket = new RateLimitConfig.Bucket() {
            @Override
            public int capacity() {
                return capacity;
            }

            @Override
            public double refillPerSecond() {
                return refillPerSecond;
            }
        };
        return new RateLimitConfig() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public Bucket api() {
                return bucket;
            }

            @Override
            public Map<String, Bucket> clients() {
                return Map.of();
            }

            @Override
            public Bucket publicPerIp() {
                return bucket;
            }

            @Override
            public int maxBuckets() {
                return 1000;
            }
        };
    }
}
