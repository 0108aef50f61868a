package io.effortmap.launcher;

import io.effortmap.launcher.bench.FreshnessBenchmark;
import io.effortmap.launcher.platform.ControlFiles;
import io.effortmap.launcher.platform.DataDirectory;
import io.effortmap.launcher.platform.LaunchException;
import io.effortmap.launcher.platform.Platform;
import io.effortmap.launcher.platform.Ports;
import io.effortmap.launcher.platform.StackConfig;
import io.effortmap.launcher.platform.Supervisor;
import io.effortmap.launcher.seed.DemoSeeder;
import io.effortmap.launcher.seed.DemoSeeder.SeedSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code up}: start the local platform, seed the demo workspace, keep running until Ctrl-C.
 * {@code stop}: stop a platform started by {@code up} in another terminal.
 * {@code status}: each component's state, PID, port, uptime and restarts, as the running launcher sees them.
 * {@code restart <component>}: restart one component of the running platform.
 * {@code reset}: delete the data folder (refused while the platform runs).
 * {@code bench-freshness [rate] [seconds] [warm-up seconds]}: time from accepted response to visible metric on a throw-away platform.
 */
public final class Main {

    /** Set once Ctrl-C (or ./effortmap stop) began the shutdown: failures of work cut short are expected then. */
    private static volatile boolean stopping;

    private Main() {
    }

    public static void main(String[] args) {
        List<String> arguments = List.of(args);
        String command = arguments.isEmpty() ? "up" : arguments.getFirst();
        Map<String, String> env = System.getenv();
        Path root = Path.of(env.getOrDefault("EFFORTMAP_HOME", ".")).toAbsolutePath().normalize();
        Path data = Path.of(env.getOrDefault("EFFORTMAP_DATA", root.resolve(".effortmap").toString())).toAbsolutePath().normalize();
        try {
            switch (command) {
                case "up" -> up(root, data, env, arguments.contains("--no-seed"));
                case "stop" -> stop(data);
                case "status" -> status(data);
                case "restart" -> restart(data, arguments.size() > 1 ? arguments.get(1) : null);
                case "reset" -> reset(data);
                case "bench-freshness" -> new FreshnessBenchmark(System.out::println).run(root,
                        intArgument(arguments, 1, 1000), Duration.ofSeconds(intArgument(arguments, 3, 30)),
                        Duration.ofSeconds(intArgument(arguments, 2, 60)));
                default -> throw new LaunchException("Unknown command '" + command
                        + "'. Use up, stop, status, restart, reset or bench-freshness.");
            }
        } catch (LaunchException e) {
            if (stopping) {
                return;
            }
            System.err.println();
            System.err.println("effortmap: " + e.getMessage());
            System.exit(1);
        }
    }

    private static int intArgument(List<String> arguments, int index, int defaultValue) {
        if (arguments.size() <= index) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(arguments.get(index));
        } catch (NumberFormatException e) {
            throw new LaunchException("'" + arguments.get(index) + "' is not a whole number");
        }
    }

    private static void up(Path root, Path data, Map<String, String> env, boolean skipSeed) {
        Optional<ProcessHandle> running = runningLauncher(data);
        if (running.isPresent()) {
            throw new LaunchException("A platform is already running from " + data + " (pid " + running.get().pid()
                    + "). Stop it with ./effortmap stop.");
        }
        StackConfig config = new StackConfig(root, data, Ports.fromEnvironment(env), Path.of(System.getProperty("java.home")),
                StackConfig.Credentials.fromEnvironment(env));
        System.out.println("Starting Effortmap (data in " + root.relativize(data) + ", Java " + Runtime.version().feature() + ")");
        Platform platform = new Platform(config, System.out::println);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping = true;
            System.out.println();
            System.out.println("Stopping Effortmap...");
            platform.close();
            deletePidFile(data);
            System.out.println("Stopped. Data is kept in " + data + " (./effortmap reset deletes it).");
            stopped.countDown();
        }, "effortmap-stop"));
        writePidFile(data);
        ControlFiles.serve(data, request -> {
            if (!"restart".equals(request.command())) {
                return new ControlFiles.Result(false, "Unknown request " + request.command());
            }
            platform.restart(request.component());
            return new ControlFiles.Result(true, request.component() + " restarted (pid "
                    + platform.pid(request.component()) + ")");
        });
        platform.start();
        SeedSummary seed = skipSeed ? null : new DemoSeeder(config, System.out::println).seed();
        printWelcome(config, seed, platform);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void printWelcome(StackConfig config, SeedSummary seed, Platform platform) {
        String gateway = config.gatewayUrl();
        String password = config.credentials().demoUserPassword();
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%nEffortmap is running (ready in %.1f s).%n%n", platform.uptime().toMillis() / 1000.0));
        text.append("  Console (browser)     ").append(config.consoleUrl()).append("/  (log in as alice)\n");
        text.append("  Gateway (public API)  ").append(gateway).append("/api/v1\n");
        text.append("  Swagger UI            ").append(gateway).append("/q/swagger-ui\n");
        var ports = config.ports();
        text.append(String.format(Locale.ROOT, "  Health and metrics    /q/health, /q/metrics on the management ports: gateway %d,"
                + " survey %d, journey %d, metrics %d, console %d%n", ports.gatewayManagement(), ports.surveyManagement(),
                ports.journeyManagement(), ports.metricsManagement(), ports.consoleManagement()));
        text.append("  Keycloak              ").append(config.keycloakUrl()).append("/admin  (admin / ")
                .append(config.credentials().keycloakAdminPassword()).append(")\n\n");
        text.append("  Demo users (password '").append(password).append("'):\n");
        text.append("    alice  cx-admin    workspace acme\n");
        text.append("    adam   cx-analyst  workspace acme\n");
        text.append("    gina   cx-admin    workspace globex\n");
        text.append("    gus    cx-analyst  workspace globex\n");
        text.append("    otto   effortmap-operator (maintenance endpoints such as the metrics rebuild)\n");
        text.append("  Partner CRM clients: crm-acme / ").append(config.credentials().crmAcmeSecret())
                .append(", crm-globex / ").append(config.credentials().crmGlobexSecret()).append(" (client credentials)\n\n");
        if (seed != null) {
            text.append("  Demo data: ").append(seed.description()).append("\n\n");
            text.append("  Read the CES of the friction hotspot '").append(seed.hotspotName()).append("' as adam:\n\n");
            text.append("    TOKEN=$(curl -s -d grant_type=password -d client_id=effortmap-web -d username=adam -d password=")
                    .append(password).append(" \\\n        ").append(config.issuer())
                    .append("/protocol/openid-connect/token | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')\n");
            text.append("    curl -s -H \"Authorization: Bearer $TOKEN\" \\\n        '").append(gateway)
                    .append("/api/v1/metrics/journeys/").append(seed.journeyId()).append("/touchpoints/")
                    .append(seed.hotspotTouchpointId()).append("?metric=CES'\n\n");
            text.append("  Answer the '").append(seed.hotspotName()).append("' survey as a customer (a fresh invitation link):\n\n");
            text.append("    ").append(seed.surveyLink()).append("\n\n");
        }
        text.append("Press Ctrl-C to stop.");
        System.out.println(text);
    }

    private static void stop(Path data) {
        ProcessHandle launcher = runningLauncher(data)
                .orElseThrow(() -> new LaunchException("No platform is running from " + data + "."));
        System.out.println("Stopping the platform (pid " + launcher.pid() + ")...");
        launcher.destroy();
        launcher.onExit().join();
        System.out.println("Stopped.");
    }

    private static void status(Path data) {
        ProcessHandle launcher = runningLauncher(data)
                .orElseThrow(() -> new LaunchException("No platform is running from " + data + "."));
        ControlFiles.Snapshot snapshot = ControlFiles.readStatus(data)
                .filter(s -> s.launcherPid() == launcher.pid())
                .orElseThrow(() -> new LaunchException("The launcher (pid " + launcher.pid() + ") has not reported yet."));
        Instant now = Instant.now();
        System.out.printf(Locale.ROOT, "Launcher pid %d, data in %s%n", launcher.pid(), data);
        System.out.printf(Locale.ROOT, "%-16s %-10s %8s %6s %10s %8s%n", "COMPONENT", "STATE", "PID", "PORT", "UPTIME",
                "RESTARTS");
        for (Supervisor.Status c : snapshot.components()) {
            String uptime = c.startedAt() == null ? "-" : duration(Duration.between(c.startedAt(), now));
            System.out.printf(Locale.ROOT, "%-16s %-10s %8s %6d %10s %8d%n", c.name(),
                    c.state().name().toLowerCase(Locale.ROOT), c.pid() == 0 ? "-" : Long.toString(c.pid()), c.port(),
                    uptime, c.restarts());
        }
    }

    private static String duration(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }

    private static void restart(Path data, String component) {
        if (component == null) {
            throw new LaunchException("Say which component to restart, e.g. ./effortmap restart survey-service"
                    + " (./effortmap status lists them).");
        }
        runningLauncher(data).orElseThrow(() -> new LaunchException("No platform is running from " + data + "."));
        System.out.println("Restarting " + component + "...");
        ControlFiles.Result result = ControlFiles.send(data, new ControlFiles.Request("restart", component),
                Duration.ofMinutes(6));
        if (!result.ok()) {
            throw new LaunchException(result.message());
        }
        System.out.println(result.message());
    }

    private static void reset(Path data) {
        if (runningLauncher(data).isPresent()) {
            throw new LaunchException("The platform is running from " + data + ": stop it first (./effortmap stop).");
        }
        if (!Files.exists(data)) {
            System.out.println("Nothing to reset: " + data + " does not exist.");
            return;
        }
        try {
            DataDirectory.delete(data);
        } catch (java.io.UncheckedIOException e) {
            throw new LaunchException("Could not delete " + data + ": " + e.getCause().getMessage());
        }
        System.out.println("Deleted " + data + ". The next ./effortmap up starts from empty stores and seeds again.");
    }

    private static Path pidFile(Path data) {
        return data.resolve("launcher.pid");
    }

    private static Optional<ProcessHandle> runningLauncher(Path data) {
        try {
            long pid = Long.parseLong(Files.readString(pidFile(data)).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().commandLine().map(c -> c.contains("effortmap-launcher")).orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void writePidFile(Path data) {
        try {
            Files.createDirectories(data);
            Files.writeString(pidFile(data), Long.toString(ProcessHandle.current().pid()));
        } catch (IOException e) {
            throw new LaunchException("Cannot write to the data folder " + data + ": " + e.getMessage());
        }
    }

    private static void deletePidFile(Path data) {
        try {
            Files.deleteIfExists(pidFile(data));
        } catch (IOException ignored) {
            // nothing left to clean up
        }
    }
}
