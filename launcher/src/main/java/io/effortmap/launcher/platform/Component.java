package io.effortmap.launcher.platform;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One supervised part of the local platform: how to start it, how to tell it is ready, how to stop it. Adding a
 * component to the platform is one of these and one {@link Supervisor#start} call.
 *
 * @param name       what {@code ./effortmap status} and {@code restart} call it ({@code survey-service}, {@code postgres})
 * @param command    asked again for every (re)start, so a restart sees current settings
 * @param logName    its log file in the data folder's {@code logs/}, appended to by restarts
 * @param port       its main port, for {@code status}
 * @param stopSignal TERM, or INT for PostgreSQL (fast shutdown: its TERM waits for every client to disconnect)
 * @param beforeStart runs before every (re)start, e.g. to clear what a killed predecessor left behind
 */
public record Component(String name, Supplier<List<String>> command, Map<String, String> env, String logName, int port,
        ManagedProcess.Readiness readiness, Duration startTimeout, String stopSignal, Runnable beforeStart) {

    public Component {
        env = Map.copyOf(env);
    }

    public Component(String name, Supplier<List<String>> command, Map<String, String> env, String logName, int port,
            ManagedProcess.Readiness readiness, Duration startTimeout) {
        this(name, command, env, logName, port, readiness, startTimeout, "TERM", () -> { });
    }
}
