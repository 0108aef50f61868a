package io.effortmap.launcher.platform;

import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The local PostgreSQL as a supervised child process: the embedded binaries run directly (no pg_ctl), so the launcher
 * sees the server exit, restarts it, and stops it with everything else.
 *
 * <p>Durability: {@code fsync=on} and {@code synchronous_commit=on} (PostgreSQL's own defaults; the embedded library
 * turns both off for throw-away test databases), so a commit is on disk before survey-service acknowledges it.
 */
final class PostgresServer {

    /** Printed by PostgreSQL once it accepts connections (also after crash recovery). */
    static final String READY = "database system is ready to accept connections";

    /** What the local server runs with; listed in docs/operations.md. */
    static final List<String> SETTINGS = List.of(
            "fsync=on",
            "synchronous_commit=on",
            "full_page_writes=on",
            "timezone=UTC",
            "max_connections=300");

    private PostgresServer() {
    }

    static Path dataDirectory(Path dataDir) {
        return dataDir.resolve("postgres");
    }

    static Path binaryFile(Path dataDir) {
        return dataDir.resolve("postgres-binary.txt");
    }

    /** The binary recorded by the one-time preparation, if it is still there (the unpacked binaries live in /tmp). */
    static Optional<Path> preparedBinary(Path dataDir) {
        try {
            Path binary = Path.of(Files.readString(binaryFile(dataDir)).trim());
            return Files.isExecutable(binary) && Files.isRegularFile(dataDirectory(dataDir).resolve("PG_VERSION"))
                    ? Optional.of(binary) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static List<String> command(Path binary, Path dataDir, int port) {
        List<String> command = new ArrayList<>();
        // PostgreSQL refuses to run as root; as the embedded library does, run it in a user namespace then.
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(binary.toString(), "-D", dataDirectory(dataDir).toString(), "-p", Integer.toString(port)));
        SETTINGS.forEach(setting -> command.addAll(List.of("-c", setting)));
        return command;
    }

    /**
     * Stops a server a previous launcher left running (it was killed outright, so nobody stopped its children), so
     * that the port and the data folder are free again.
     */
    static void stopOrphan(Path dataDir) {
        Path pidFile = dataDirectory(dataDir).resolve("postmaster.pid");
        Optional<ProcessHandle> orphan;
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().trim());
            orphan = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
        } catch (IOException | RuntimeException e) {
            return;
        }
        orphan.ifPresent(postmaster -> {
            List<ProcessHandle> backends = postmaster.descendants().toList();
            // It may have been stalled (SIGSTOP) when its launcher died; fast shutdown needs it running.
            send("CONT", postmaster);
            backends.forEach(b -> send("CONT", b));
            send("INT", postmaster);
            try {
                postmaster.onExit().get(15, TimeUnit.SECONDS);
            } catch (Exception e) {
                postmaster.destroyForcibly();
            }
            backends.forEach(ProcessHandle::destroyForcibly);
        });
    }

    private static void send(String signal, ProcessHandle process) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // nothing more to try
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
