package io.effortmap.launcher.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupervisorTest {

    @TempDir
    Path dir;

    private final List<String> lines = new CopyOnWriteArrayList<>();

    private static Component sleeper(String name) {
        return new Component(name, () -> List.of("/bin/sh", "-c", "echo ready; exec sleep 300"), Map.of(), name, 1234,
                new ManagedProcess.Readiness.LogLine("ready", "log"), Duration.ofSeconds(30));
    }

    @Test
    void aComponentKilledOutrightIsStartedAgainAndCloseStopsTheReplacementToo() throws Exception {
        List<List<Supervisor.Status>> reported = new CopyOnWriteArrayList<>();
        Supervisor supervisor = new Supervisor(dir, dir.resolve("logs"), lines::add, reported::add);
        try {
            supervisor.launch(sleeper("db"));
            supervisor.awaitReady("db");
            long first = supervisor.process("db").pid();

            supervisor.signal("db", "KILL");

            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline && !running(supervisor, first)) {
                Thread.sleep(100);
            }
            Supervisor.Status db = supervisor.status().getFirst();
            assertThat(db.state()).isEqualTo(Supervisor.State.RUNNING);
            assertThat(db.pid()).isNotEqualTo(first).isPositive();
            assertThat(db.restarts()).isEqualTo(1);
            assertThat(ProcessHandle.of(first).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(lines).anyMatch(l -> l.contains("db (pid " + first + ") exited unexpectedly with code 137;"
                    + " restarting in 1 s (restart 1)"));
            assertThat(reported).anyMatch(s -> s.getFirst().state() == Supervisor.State.RESTARTING);
            assertThat(Files.readString(dir.resolve("logs/db.log"))).contains("ready\nready");

            long replacement = db.pid();
            supervisor.close();
            assertThat(ProcessHandle.of(replacement).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(supervisor.status().getFirst().state()).isEqualTo(Supervisor.State.STOPPED);
        } finally {
            supervisor.close();
        }
    }

    @Test
    void aStoppedComponentStaysDownUntilStartedAndARestartIsNotCountedAsACrash() throws Exception {
        Supervisor supervisor = new Supervisor(dir, dir.resolve("logs"), lines::add, status -> { });
        try {
            supervisor.launch(sleeper("svc"));
            supervisor.awaitReady("svc");
            long first = supervisor.process("svc").pid();

            supervisor.stop("svc");
            Thread.sleep(1500);
            assertThat(supervisor.status().getFirst().state()).isEqualTo(Supervisor.State.STOPPED);
            assertThat(supervisor.status().getFirst().pid()).isZero();

            supervisor.start("svc");
            long second = supervisor.process("svc").pid();
            supervisor.restart("svc");
            long third = supervisor.process("svc").pid();

            assertThat(List.of(first, second, third)).doesNotHaveDuplicates();
            assertThat(supervisor.status().getFirst().restarts()).isZero();
            assertThat(lines).noneMatch(l -> l.contains("exited unexpectedly"));
        } finally {
            supervisor.close();
        }
    }

    @Test
    void anotherProcessAsksTheLauncherThroughTheDataFolder() {
        ControlFiles.serve(dir, request -> new ControlFiles.Result(true, request.command() + " " + request.component()));
        ControlFiles.Result result = ControlFiles.send(dir, new ControlFiles.Request("restart", "gateway"),
                Duration.ofSeconds(10));
        assertThat(result).isEqualTo(new ControlFiles.Result(true, "restart gateway"));

        ControlFiles.writeStatus(dir, List.of(new Supervisor.Status("gateway", Supervisor.State.RUNNING, 42, 8080,
                java.time.Instant.parse("2026-01-01T00:00:00Z"), 2, "gateway.log")));
        ControlFiles.Snapshot snapshot = ControlFiles.readStatus(dir).orElseThrow();
        assertThat(snapshot.launcherPid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(snapshot.components()).singleElement().satisfies(s -> {
            assertThat(s.pid()).isEqualTo(42);
            assertThat(s.restarts()).isEqualTo(2);
            assertThat(s.startedAt()).isEqualTo(java.time.Instant.parse("2026-01-01T00:00:00Z"));
        });
    }

    private static boolean running(Supervisor supervisor, long oldPid) {
        Supervisor.Status s = supervisor.status().getFirst();
        return s.state() == Supervisor.State.RUNNING && s.pid() != oldPid && s.pid() != 0;
    }
}
