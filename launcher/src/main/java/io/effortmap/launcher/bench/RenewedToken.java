package io.effortmap.launcher.bench;

import io.effortmap.launcher.platform.LaunchException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A benchmark client's access token, fetched again in the background every {@link #EVERY} (the realm's tokens live 5
 * minutes), so a run of any length never sends an expired one and the load never waits for Keycloak. A failed fetch
 * keeps the current token and is tried again at the next round.
 */
final class RenewedToken implements Supplier<String>, AutoCloseable {

    static final Duration EVERY = Duration.ofMinutes(2);

    private final Supplier<String> fetch;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("bench-token").factory());
    private volatile String current;

    RenewedToken(Supplier<String> fetch) {
        this.fetch = fetch;
        this.current = fetch.get();
        timer.scheduleWithFixedDelay(this::renew, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public String get() {
        return current;
    }

    private void renew() {
        try {
            current = fetch.get();
        } catch (LaunchException e) {
            System.err.println("Could not renew a benchmark token (the current one stays): " + e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
