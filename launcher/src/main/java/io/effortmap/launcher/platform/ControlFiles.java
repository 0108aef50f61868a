package io.effortmap.launcher.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * How {@code ./effortmap status} and {@code ./effortmap restart} reach the launcher running {@code up} in another
 * terminal, through files in the data folder's {@code run/}: the launcher rewrites {@code status.json} on every
 * change of a component; a request is a file in {@code requests/} that the launcher answers with a result file. Files
 * need no port, work whatever the folder's path, and are only readable by whoever may read the data anyway.
 */
public final class ControlFiles {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final Duration POLL = Duration.ofMillis(200);

    /** What {@code status.json} holds. */
    public record Snapshot(long launcherPid, Instant updatedAt, List<Supervisor.Status> components) {
    }

    /** A request to the running launcher, e.g. {@code restart survey-service}. */
    public record Request(String command, String component) {
    }

    /** The launcher's answer to a request. */
    public record Result(boolean ok, String message) {
    }

    private ControlFiles() {
    }

    static Path runDirectory(Path dataDir) {
        return dataDir.resolve("run");
    }

    /** Written by the launcher: replaced atomically, so a reader never sees half a file. */
    public static void writeStatus(Path dataDir, List<Supervisor.Status> components) {
        Path target = runDirectory(dataDir).resolve("status.json");
        try {
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), "status", ".tmp");
            JSON.writeValue(temp.toFile(), new Snapshot(ProcessHandle.current().pid(), Instant.now(), components));
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // Status is informative only; the platform keeps running without it.
        }
    }

    public static Optional<Snapshot> readStatus(Path dataDir) {
        Path file = runDirectory(dataDir).resolve("status.json");
        try {
            return Optional.of(JSON.readValue(file.toFile(), Snapshot.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Client side: places a request and waits for the launcher's answer. */
    public static Result send(Path dataDir, Request request, Duration timeout) {
        Path requests = runDirectory(dataDir).resolve("requests");
        String id = UUID.randomUUID().toString();
        Path result = requests.resolve(id + ".result");
        try {
            Files.createDirectories(requests);
            Path temp = requests.resolve(id + ".tmp");
            JSON.writeValue(temp.toFile(), request);
            Files.move(temp, requests.resolve(id + ".request"), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new LaunchException("Cannot write a request to " + requests + ": " + e.getMessage());
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(result)) {
                try {
                    Result answer = JSON.readValue(result.toFile(), Result.class);
                    Files.deleteIfExists(result);
                    return answer;
                } catch (IOException e) {
                    // being written: read it on the next round
                }
            }
            sleep(POLL);
        }
        throw new LaunchException("The launcher did not answer within " + timeout.toSeconds() + " s");
    }

    /** Launcher side: answers requests on a daemon thread until the JVM ends. */
    public static void serve(Path dataDir, Function<Request, Result> handler) {
        Path requests = runDirectory(dataDir).resolve("requests");
        try {
            Files.createDirectories(requests);
            // Requests left from an earlier run were meant for a launcher that is gone.
            try (Stream<Path> stale = Files.list(requests)) {
                stale.forEach(path -> path.toFile().delete());
            }
        } catch (IOException e) {
            throw new LaunchException("Cannot use " + requests + ": " + e.getMessage());
        }
        Thread.ofPlatform().daemon().name("control-requests").start(() -> {
            while (true) {
                try (Stream<Path> files = Files.list(requests)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".request")).sorted().toList()) {
                        answer(file, handler);
                    }
                } catch (IOException e) {
                    // the folder was deleted under us (reset refuses while running): keep trying
                }
                sleep(POLL);
            }
        });
    }

    private static void answer(Path file, Function<Request, Result> handler) throws IOException {
        Result result;
        try {
            result = handler.apply(JSON.readValue(file.toFile(), Request.class));
        } catch (LaunchException e) {
            result = new Result(false, e.getMessage());
        } catch (RuntimeException e) {
            result = new Result(false, e.toString());
        }
        String id = file.getFileName().toString().replace(".request", "");
        Path temp = file.resolveSibling(id + ".rtmp");
        JSON.writeValue(temp.toFile(), result);
        Files.move(temp, file.resolveSibling(id + ".result"), StandardCopyOption.ATOMIC_MOVE);
        Files.deleteIfExists(file);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("Interrupted");
        }
    }
}
