package io.effortmap.launcher.platform;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs the platform's components and keeps them running: a component that exits without being asked to is started
 * again after a back-off (1 s, doubling up to 30 s; back to 1 s once it ran a minute), with a log line each time.
 * Components can be restarted, stopped and signalled by name; {@link #close()} stops whatever runs now, including
 * processes started by restarts.
 */
public final class Supervisor implements AutoCloseable {

    public enum State { STARTING, RUNNING, RESTARTING, STOPPED }

    /** One component as {@code ./effortmap status} shows it; pid 0 while nothing runs. */
    public record Status(String name, State state, long pid, int port, Instant startedAt, int restarts, String log) {
    }

    private static final Duration BACKOFF_MIN = Duration.ofSeconds(1);
    private static final Duration BACKOFF_MAX = Duration.ofSeconds(30);
    /** A component that ran this long before it died starts over with the shortest back-off. */
    private static final Duration STABLE = Duration.ofMinutes(1);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final Path workDir;
    private final Path logs;
    private final Consumer<String> out;
    private final Consumer<List<Status>> onChange;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("supervisor-timer").factory());
    private final ExecutorService waiters = Executors.newThreadPerTaskExecutor(
            Thread.ofPlatform().daemon().name("supervisor-ready-", 0).factory());
    private volatile boolean closing;

    private static final class Entry {
        final Component component;
        ManagedProcess process;
        State state = State.STARTING;
        int restarts;
        Duration backoff = BACKOFF_MIN;
        /** Bumped by every launch and intended stop: a scheduled restart of an older generation is dropped. */
        long generation;

        Entry(Component component) {
            this.component = component;
        }
    }

    /**
     * @param onChange told the new state of every component after each change (for the status file); called
     *                 outside the supervisor's lock
     */
    public Supervisor(Path workDir, Path logs, Consumer<String> out, Consumer<List<Status>> onChange) {
        this.workDir = workDir;
        this.logs = logs;
        this.out = out;
        this.onChange = onChange;
    }

    /** Starts a component without waiting; {@link #awaitReady} waits. A name given twice is refused. */
    public ManagedProcess launch(Component component) {
        ManagedProcess process;
        synchronized (this) {
            if (entries.containsKey(component.name())) {
                throw new LaunchException(component.name() + " is already supervised");
            }
            Entry entry = new Entry(component);
            entries.put(component.name(), entry);
            process = spawn(entry, false);
        }
        changed();
        return process;
    }

    /** Waits until the component is ready; fails (with its log's tail) if it exits or takes too long. */
    public void awaitReady(String name) {
        Entry entry = entry(name);
        ManagedProcess process;
        synchronized (this) {
            process = entry.process;
        }
        if (process == null) {
            throw new LaunchException(name + " is not running");
        }
        entry.component.readiness().await(process, entry.component.startTimeout());
        synchronized (this) {
            if (entry.process == process && entry.state == State.STARTING) {
                entry.state = State.RUNNING;
            }
        }
        changed();
    }

    /** Stops the component (gracefully) and starts it again with the same settings; waits until it is ready. */
    public void restart(String name) {
        stop(name);
        start(name);
    }

    /** Stops a component on purpose: it stays down until {@link #start(String)}. */
    public void stop(String name) {
        Entry entry = entry(name);
        ManagedProcess process;
        synchronized (this) {
            entry.generation++;
            entry.state = State.STOPPED;
            process = entry.process;
        }
        if (process != null) {
            process.stop(STOP_GRACE, entry.component.stopSignal());
        }
        synchronized (this) {
            if (entry.process == process) {
                entry.process = null;
            }
        }
        changed();
    }

    /** Starts a stopped component again and waits until it is ready. */
    public void start(String name) {
        Entry entry = entry(name);
        synchronized (this) {
            if (entry.process != null && entry.process.isAlive()) {
                throw new LaunchException(name + " is already running");
            }
            entry.backoff = BACKOFF_MIN;
            spawn(entry, true);
        }
        changed();
        awaitReady(name);
    }

    /** Sends a signal to a component's process and its children (fault injection: KILL, STOP, CONT). */
    public void signal(String name, String signal) {
        ManagedProcess process = process(name);
        process.signal(signal, true);
    }

    public ManagedProcess process(String name) {
        Entry entry = entry(name);
        synchronized (this) {
            if (entry.process == null) {
                throw new LaunchException(name + " is not running");
            }
            return entry.process;
        }
    }

    public synchronized List<Status> status() {
        List<Status> all = new ArrayList<>();
        entries.values().forEach(e -> all.add(new Status(e.component.name(), e.state,
                e.process == null ? 0 : e.process.pid(), e.component.port(),
                e.process == null ? null : e.process.startedAt(), e.restarts,
                logs.resolve(e.component.logName() + ".log").toString())));
        return all;
    }

    /** CPU time used so far per running component, in start order. */
    public synchronized Map<String, Duration> cpuTimes() {
        Map<String, Duration> times = new LinkedHashMap<>();
        entries.values().stream().filter(e -> e.process != null)
                .forEach(e -> times.put(e.component.name(), e.process.cpuTime()));
        return times;
    }

    /** Stops every component, last started first; nothing is restarted from now on. */
    @Override
    public void close() {
        closing = true;
        timer.shutdownNow();
        List<Entry> reverse;
        synchronized (this) {
            reverse = new ArrayList<>(entries.values());
            reverse.forEach(e -> e.generation++);
        }
        for (int i = reverse.size() - 1; i >= 0; i--) {
            Entry entry = reverse.get(i);
            ManagedProcess process;
            synchronized (this) {
                process = entry.process;
                entry.state = State.STOPPED;
            }
            if (process != null) {
                process.stop(STOP_GRACE, entry.component.stopSignal());
            }
        }
        waiters.shutdownNow();
        changed();
    }

    private synchronized Entry entry(String name) {
        Entry entry = entries.get(name);
        if (entry == null) {
            throw new LaunchException("No component named '" + name + "' (" + String.join(", ", entries.keySet()) + ")");
        }
        return entry;
    }

    /** Under the lock: runs the component's preparation, starts its process and watches for its exit. */
    private ManagedProcess spawn(Entry entry, boolean appendLog) {
        Component component = entry.component;
        component.beforeStart().run();
        ManagedProcess process = ManagedProcess.start(component.name(), component.command().get(), component.env(),
                workDir, logs.resolve(component.logName() + ".log"), appendLog);
        entry.process = process;
        entry.state = State.STARTING;
        long generation = ++entry.generation;
        process.onExit().thenRun(() -> exited(entry, process, generation));
        return process;
    }

    private void exited(Entry entry, ManagedProcess process, long generation) {
        Duration wait;
        synchronized (this) {
            if (closing || entry.generation != generation) {
                return; // stopped on purpose, or already replaced
            }
            boolean ranLongEnough = Duration.between(process.startedAt(), Instant.now()).compareTo(STABLE) >= 0;
            wait = ranLongEnough ? BACKOFF_MIN : entry.backoff;
            entry.backoff = min(wait.multipliedBy(2), BACKOFF_MAX);
            entry.state = State.RESTARTING;
            entry.restarts++;
            out.accept(String.format(Locale.ROOT, "  %s (pid %d) exited unexpectedly with code %d; restarting in %d s"
                    + " (restart %d)", entry.component.name(), process.pid(), process.exitValue(), wait.toSeconds(),
                    entry.restarts));
            timer.schedule(() -> relaunch(entry, generation), wait.toMillis(), TimeUnit.MILLISECONDS);
        }
        changed();
    }

    private void relaunch(Entry entry, long generation) {
        ManagedProcess process;
        synchronized (this) {
            if (closing || entry.generation != generation) {
                return;
            }
            try {
                process = spawn(entry, true);
            } catch (RuntimeException e) {
                // Could not even start it: try again after the next back-off.
                out.accept("  " + entry.component.name() + " could not be restarted: " + e.getMessage());
                Duration wait = entry.backoff;
                entry.backoff = min(wait.multipliedBy(2), BACKOFF_MAX);
                timer.schedule(() -> relaunch(entry, generation), wait.toMillis(), TimeUnit.MILLISECONDS);
                return;
            }
        }
        changed();
        long begin = System.nanoTime();
        waiters.execute(() -> {
            try {
                entry.component.readiness().await(process, entry.component.startTimeout());
            } catch (LaunchException e) {
                if (!closing && process.isAlive()) {
                    out.accept("  " + entry.component.name() + " (pid " + process.pid() + ") restarted but is not ready: "
                            + e.getMessage().lines().findFirst().orElse(""));
                }
                return; // if it died, its exit schedules the next attempt
            }
            synchronized (this) {
                if (entry.process != process || entry.state != State.STARTING) {
                    return;
                }
                entry.state = State.RUNNING;
            }
            out.accept(String.format(Locale.ROOT, "  %s restarted (pid %d), ready in %.1f s", entry.component.name(),
                    process.pid(), (System.nanoTime() - begin) / 1e9));
            changed();
        });
    }

    private void changed() {
        onChange.accept(status());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
