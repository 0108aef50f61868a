package io.effortmap.launcher.platform;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** One component of the stack running as its own OS process, with its output in a log file. */
public final class ManagedProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final Path log;
    /** Where this run's output begins in the log: a restart appends, and older lines must not count as its own. */
    private final long logStart;
    private final Instant startedAt = Instant.now();

    private ManagedProcess(String name, Process process, Path log, long logStart) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.logStart = logStart;
    }

    static ManagedProcess start(String name, List<String> command, Map<String, String> env, Path workDir, Path log) {
        return start(name, command, env, workDir, log, false);
    }

    static ManagedProcess start(String name, List<String> command, Map<String, String> env, Path workDir, Path log,
            boolean appendLog) {
        try {
            Files.createDirectories(log.getParent());
            long logStart = appendLog && Files.exists(log) ? Files.size(log) : 0;
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(appendLog ? ProcessBuilder.Redirect.appendTo(log.toFile())
                            : ProcessBuilder.Redirect.to(log.toFile()));
            builder.environment().putAll(env);
            return new ManagedProcess(name, builder.start(), log, logStart);
        } catch (IOException e) {
            throw new LaunchException("Could not start " + name + ": " + e.getMessage());
        }
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    Instant startedAt() {
        return startedAt;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    int exitValue() {
        return process.exitValue();
    }

    /** CPU time used so far by the process and its children (Keycloak runs under a shell script). */
    Duration cpuTime() {
        ProcessHandle handle = process.toHandle();
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(handle), handle.descendants())
                .map(h -> h.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }

    /** How a component shows it is ready: an HTTP check answering 200, or a line in its log. */
    public sealed interface Readiness {

        /** Waits until ready, failing early (with the log's tail) if the process dies. */
        void await(ManagedProcess process, Duration timeout);

        record Http(URI url) implements Readiness {
            @Override
            public void await(ManagedProcess process, Duration timeout) {
                process.awaitHealthy(url, timeout);
            }

            @Override
            public String toString() {
                return url.toString();
            }
        }

        record LogLine(String marker, String where) implements Readiness {
            @Override
            public void await(ManagedProcess process, Duration timeout) {
                process.awaitLogLine(marker, timeout);
            }

            @Override
            public String toString() {
                return where;
            }
        }
    }

    /** Waits until {@code health} answers 200, failing early (with the log's tail) if the process dies. */
    void awaitHealthy(URI health, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).GET().build();
        while (System.nanoTime() < deadline) {
            failIfExited();
            try {
                if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LaunchException("Interrupted while waiting for " + name);
            }
            sleep(250);
        }
        throw new LaunchException(name + " was not healthy after " + timeout.toSeconds() + " s (" + health + "). Last lines of "
                + log + ":\n" + tail(40));
    }

    /** Waits for a one-shot command to finish successfully. */
    void awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new LaunchException(name + " did not finish within " + timeout.toSeconds() + " s. Log: " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("Interrupted while waiting for " + name);
        }
        if (process.exitValue() != 0) {
            throw new LaunchException(name + " failed with code " + process.exitValue() + ". Last lines of " + log
                    + ":\n" + tail(40));
        }
    }

    /** Waits until this run of the process prints {@code marker} in its log. */
    void awaitLogLine(String marker, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            failIfExited();
            if (ownOutput().contains(marker)) {
                return;
            }
            sleep(100);
        }
        throw new LaunchException(name + " did not start within " + timeout.toSeconds() + " s. Last lines of " + log
                + ":\n" + tail(40));
    }

    private void failIfExited() {
        if (!process.isAlive()) {
            throw new LaunchException(name + " exited with code " + process.exitValue() + ". Last lines of " + log
                    + ":\n" + tail(40));
        }
    }

    /**
     * Graceful stop with {@code signal} (TERM, or INT for PostgreSQL's fast shutdown), then SIGKILL after the grace
     * period; children too (kc.sh starts a JVM, PostgreSQL its backends).
     */
    void stop(Duration grace, String signal) {
        List<ProcessHandle> children = process.descendants().toList();
        if ("TERM".equals(signal)) {
            process.destroy();
            children.forEach(ProcessHandle::destroy);
        } else {
            signal(signal, false);
        }
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
            for (ProcessHandle child : children) {
                child.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (Exception e) {
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }

    void stop(Duration grace) {
        stop(grace, "TERM");
    }

    /**
     * Sends a signal (KILL, STOP, CONT, INT, TERM) to the process, and with {@code tree} to its descendants too: a
     * stalled PostgreSQL is its postmaster and every backend.
     */
    void signal(String signal, boolean tree) {
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal, Long.toString(process.pid())));
        if (tree) {
            process.descendants().forEach(child -> command.add(Long.toString(child.pid())));
        }
        try {
            Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                throw new LaunchException("Could not send SIG" + signal + " to " + name + ": " + output);
            }
        } catch (IOException e) {
            throw new LaunchException("Could not send SIG" + signal + " to " + name + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("Interrupted");
        }
    }

    /** The log's text written by this run of the process (bounded to its last 256 KiB). */
    private String ownOutput() {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long from = Math.max(logStart, file.length() - 256 * 1024);
            byte[] bytes = new byte[(int) Math.max(0, file.length() - from)];
            file.seek(from);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("Interrupted");
        }
    }
}
