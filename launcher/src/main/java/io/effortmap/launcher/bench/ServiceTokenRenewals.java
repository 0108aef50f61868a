package io.effortmap.launcher.bench;

import io.effortmap.launcher.platform.LaunchException;
import io.effortmap.launcher.platform.StackConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples metrics-service's count of renewals of its own token every {@link #EVERY} during a run, so the freshness
 * timeline can show when the token was renewed.
 */
final class ServiceTokenRenewals implements AutoCloseable {

    static final Duration EVERY = Duration.ofSeconds(5);
    private static final String COUNTER = "effortmap_service_token_renewals_total";

    /** {time in nanos, renewals counted so far}. */
    private final List<long[]> samples = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("bench-renewals").factory());

    ServiceTokenRenewals(FreshnessBenchmark bench, StackConfig config) {
        timer.scheduleAtFixedRate(() -> {
            try {
                String value = FreshnessBenchmark.metricValue(bench.metricsScrape(config), COUNTER);
                samples.add(new long[] {System.nanoTime(), (long) Double.parseDouble(value)});
            } catch (LaunchException | NumberFormatException e) {
                // no sample this time: the window shows fewer renewals, never invented ones
            }
        }, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    List<long[]> samples() {
        return new ArrayList<>(samples);
    }

    /**
     * Renewals between two moments: the counter at the last sample up to {@code to} minus the one at the last sample
     * up to {@code from}; -1 when there is no sample before the window.
     */
    static long between(List<long[]> samples, long from, long to) {
        long[] before = null;
        long[] last = null;
        for (long[] sample : samples) {
            if (sample[0] <= from) {
                before = sample;
            }
            if (sample[0] <= to) {
                last = sample;
            }
        }
        return before == null || last == null ? -1 : last[1] - before[1];
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
