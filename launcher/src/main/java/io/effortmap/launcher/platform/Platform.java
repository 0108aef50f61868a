package io.effortmap.launcher.platform;

import io.effortmap.launcher.seed.DemoSeeder;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Starts the whole platform as separate processes, in dependency order, under a {@link Supervisor} that restarts a
 * component that dies, and stops it in reverse. Used by {@code ./effortmap up} and by the end-to-end tests, so both
 * exercise the same stack. Components are named as {@code ./effortmap status} shows them: {@code postgres},
 * {@code mongo}, {@code keycloak} and the five Quarkus applications by module name.
 */
public final class Platform implements AutoCloseable {

    /** The Quarkus applications, in start order. */
    public static final List<String> SERVICES = List.of("journey-service", "survey-service", "metrics-service",
            "console", "gateway");

    private static final Duration SERVICE_START = Duration.ofSeconds(120);
    private static final Duration KEYCLOAK_START = Duration.ofSeconds(300);

    private final StackConfig config;
    private final Consumer<String> out;
    private final Supervisor supervisor;
    private final Map<String, Map<String, String>> systemProperties = new HashMap<>();
    private final long startNanos = System.nanoTime();

    public Platform(StackConfig config, Consumer<String> out) {
        this.config = config;
        this.out = out;
        this.supervisor = new Supervisor(config.dataDir(), config.logs(), out,
                status -> ControlFiles.writeStatus(config.dataDir(), status));
    }

    public StackConfig config() {
        return config;
    }

    /**
     * JVM system properties for one service ({@code gateway}, {@code journey-service}, ...), set before {@link #start()}.
     * They override its application.properties exactly as written, including quoted map keys such as
     * {@code effortmap.gateway.rate-limit.clients."crm-globex".capacity}, which env var names cannot spell.
     */
    public Platform withSystemProperties(String module, Map<String, String> properties) {
        spec(module);
        systemProperties.put(module, Map.copyOf(properties));
        return this;
    }

    /** Checks prerequisites and ports, then starts everything; on any failure stops what was started. */
    public void start() {
        checkPrerequisites();
        PostgresServer.stopOrphan(config.dataDir());
        checkPorts();
        try {
            Path keycloakHome = KeycloakDistribution.prepare(config.dataDir());
            Path postgresBinary = preparePostgres();
            // The stores and Keycloak do not depend on each other: start them together, Keycloak is the slow one.
            supervisor.launch(postgres(postgresBinary));
            supervisor.launch(mongo());
            if (!KeycloakDistribution.isBuilt(keycloakHome)) {
                buildKeycloak(keycloakHome);
            }
            supervisor.launch(keycloak(keycloakHome));
            for (String store : List.of("postgres", "mongo", "keycloak")) {
                ready(store);
            }
            for (String module : SERVICES) {
                supervisor.launch(service(module));
            }
            for (String module : SERVICES) {
                ready(module);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Stops one service (SIGTERM, as an orchestrator would), leaving the rest of the stack running and it down. */
    public void stopService(String module) {
        spec(module);
        supervisor.stop(module);
    }

    /** Starts a service stopped by {@link #stopService(String)} again, with the same settings, and waits until ready. */
    public void startService(String module) {
        spec(module);
        supervisor.start(module);
    }

    /** Stops and starts one component (any of {@link #components()}) and waits until it is ready again. */
    public void restart(String component) {
        long begin = System.nanoTime();
        supervisor.restart(component);
        out.accept(String.format(Locale.ROOT, "  %s restarted by request (pid %d), ready in %.1f s", component,
                pid(component), (System.nanoTime() - begin) / 1e9));
    }

    /** Sends a signal to a component and its child processes: fault injection (KILL, STOP, CONT). */
    public void signal(String component, String signal) {
        supervisor.signal(component, signal);
    }

    public long pid(String component) {
        return supervisor.process(component).pid();
    }

    public List<Supervisor.Status> status() {
        return supervisor.status();
    }

    public List<String> components() {
        return supervisor.status().stream().map(Supervisor.Status::name).toList();
    }

    /** CPU time used so far per running component, in start order. */
    public Map<String, Duration> cpuTimes() {
        return supervisor.cpuTimes();
    }

    public Duration uptime() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    @Override
    public void close() {
        supervisor.close();
    }

    private Component postgres(Path binary) {
        int port = config.ports().postgres();
        return new Component("postgres", () -> PostgresServer.command(binary, config.dataDir(), port), Map.of(),
                "postgres", port, new ManagedProcess.Readiness.LogLine(PostgresServer.READY, "port " + port),
                SERVICE_START, "INT", () -> PostgresServer.stopOrphan(config.dataDir()));
    }

    private Component mongo() {
        int port = config.ports().mongo();
        List<String> command = storeCommand("io.effortmap.launcher.stores.MongoStore", String.valueOf(port),
                config.dataDir().resolve("mongo/effortmap.mv").toString());
        return new Component("mongo", () -> command, Map.of(), "mongo", port,
                new ManagedProcess.Readiness.LogLine("Mongo store ready", "port " + port), SERVICE_START);
    }

    private Component keycloak(Path home) {
        URI health = URI.create("http://localhost:" + config.ports().keycloakManagement() + "/health/ready");
        return new Component("keycloak", () -> keycloakCommand(home), keycloakEnv(), "keycloak",
                config.ports().keycloak(), new ManagedProcess.Readiness.Http(health), KEYCLOAK_START);
    }

    private Component service(String module) {
        ServiceSpec spec = spec(module);
        return new Component(module, () -> serviceCommand(module), spec.env(), module, spec.port(),
                new ManagedProcess.Readiness.Http(readinessUrl(module)), SERVICE_START);
    }

    /**
     * Where a service says whether it is ready (the check Kubernetes' readiness probe uses, on its management port):
     * the launcher waits on it, the gateway probes it, the fault-injection tests watch it.
     */
    public URI readinessUrl(String module) {
        return URI.create("http://localhost:" + spec(module).managementPort() + "/q/health/ready");
    }

    /** Unpacks the binaries, creates the cluster, database and role: once per data folder (and after /tmp was cleaned). */
    private Path preparePostgres() {
        return PostgresServer.preparedBinary(config.dataDir()).orElseGet(() -> {
            ManagedProcess setup = ManagedProcess.start("PostgreSQL setup", storeCommand(
                    "io.effortmap.launcher.stores.PostgresStore", String.valueOf(config.ports().postgres()),
                    PostgresServer.dataDirectory(config.dataDir()).toString(), "effortmap_survey", "effortmap",
                    config.credentials().databasePassword(), PostgresServer.binaryFile(config.dataDir()).toString()),
                    Map.of(), config.dataDir(), config.logs().resolve("postgres-setup.log"));
            long begin = System.nanoTime();
            setup.awaitExit(SERVICE_START);
            out.accept(String.format(Locale.ROOT, "  %-16s done   %6.1f s (at %5.1f s)  %-28s log: %s", "postgres setup",
                    (System.nanoTime() - begin) / 1e9, uptime().toMillis() / 1000.0, "one-time",
                    config.projectRoot().relativize(setup.log())));
            return PostgresServer.preparedBinary(config.dataDir())
                    .orElseThrow(() -> new LaunchException("PostgreSQL setup did not record its binary; see " + setup.log()));
        });
    }

    /** {@code managementPort}: health (what the launcher waits on), metrics and the service's OpenAPI document. */
    private record ServiceSpec(int port, int managementPort, Map<String, String> env) {
    }

    private ServiceSpec spec(String module) {
        Ports ports = config.ports();
        return switch (module) {
            case "journey-service" -> new ServiceSpec(ports.journey(), ports.journeyManagement(), journeyEnv());
            case "survey-service" -> new ServiceSpec(ports.survey(), ports.surveyManagement(), surveyEnv());
            case "metrics-service" -> new ServiceSpec(ports.metrics(), ports.metricsManagement(), metricsEnv());
            case "console" -> new ServiceSpec(ports.console(), ports.consoleManagement(), consoleEnv());
            case "gateway" -> new ServiceSpec(ports.gateway(), ports.gatewayManagement(), gatewayEnv());
            default -> throw new IllegalArgumentException("No service named " + module);
        };
    }

    private void ready(String component) {
        long begin = System.nanoTime();
        supervisor.awaitReady(component);
        double own = (System.nanoTime() - begin) / 1e9;
        Supervisor.Status status = supervisor.status().stream().filter(s -> s.name().equals(component)).findFirst()
                .orElseThrow();
        String where = component.equals("postgres") || component.equals("mongo") ? "port " + status.port()
                : "http://localhost:" + status.port();
        out.accept(String.format(Locale.ROOT, "  %-16s ready  %6.1f s (at %5.1f s)  %-28s log: %s", component, own,
                uptime().toMillis() / 1000.0, where, config.projectRoot().relativize(Path.of(status.log()))));
    }

    private void checkPrerequisites() {
        for (String module : SERVICES) {
            if (!Files.isRegularFile(quarkusRunJar(module))) {
                throw new LaunchException(module + " is not built (" + quarkusRunJar(module) + " is missing): run ./effortmap build");
            }
        }
        try {
            Files.createDirectories(config.logs());
        } catch (java.io.IOException e) {
            throw new LaunchException("Cannot create the data folder " + config.dataDir() + ": " + e.getMessage());
        }
    }

    private void checkPorts() {
        List<String> busy = new ArrayList<>();
        config.ports().byEnvVar().forEach((envVar, port) -> {
            if (!Ports.isFree(port)) {
                busy.add("port " + port + " is in use (move it with " + envVar + "=...)");
            }
        });
        if (!busy.isEmpty()) {
            throw new LaunchException("Cannot start: " + String.join("; ", busy)
                    + ". Is another Effortmap stack running? Stop it with Ctrl-C or ./effortmap stop.");
        }
    }

    private Path quarkusRunJar(String module) {
        return config.projectRoot().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private String java() {
        return config.javaHome().resolve("bin/java").toString();
    }

    private List<String> storeCommand(String mainClass, String... args) {
        // Absolute entries: the store runs in the data folder, not where the launcher was started.
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx512m", gcLog(mainClass.substring(mainClass.lastIndexOf('.') + 1)),
                "-cp", classpath, mainClass));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Half the heap from the start, as in k8s (InitialRAMPercentage=50): with a 64 MB start the young generation was
     * ~20 MB, so a feed page being ingested outlived each collection, was copied into the old generation and made
     * 60-150 ms pauses until the heap had grown (a 10 s metrics lag at 1,000 responses/s). Metaspace starts above
     * what a service loads, so no full collection ("Metadata GC Threshold", 265 ms seen) stalls a service that has just
     * been restarted and is taking traffic again.
     */
    private List<String> serviceCommand(String module) {
        List<String> command = new ArrayList<>(List.of(java(), "-Xms256m", "-Xmx512m", "-XX:+UseSerialGC",
                "-XX:MetaspaceSize=128m", gcLog(module)));
        systemProperties.getOrDefault(module, Map.of()).forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", quarkusRunJar(module).toString()));
        return command;
    }

    /** Pauses with wall-clock times, so a slow moment in a service's log can be matched with its collections. */
    private String gcLog(String name) {
        // Quoted: a colon in the data folder's path would otherwise end the file name.
        return "-Xlog:gc:file=\"" + config.logs().resolve(name + "-gc.log") + "\":time,uptime";
    }

    /** One-time {@code kc.sh build}: slower once, then every start skips Keycloak's own re-augmentation. */
    private void buildKeycloak(Path home) {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "build"));
        command.addAll(KeycloakDistribution.BUILD_OPTIONS);
        ManagedProcess build = ManagedProcess.start("Keycloak build", command, keycloakEnv(), config.dataDir(),
                config.logs().resolve("keycloak-build.log"));
        long begin = System.nanoTime();
        build.awaitExit(KEYCLOAK_START);
        out.accept(String.format(Locale.ROOT, "  %-16s done   %6.1f s (at %5.1f s)  %-28s log: %s", "keycloak build",
                (System.nanoTime() - begin) / 1e9, uptime().toMillis() / 1000.0, "one-time",
                config.projectRoot().relativize(build.log())));
        KeycloakDistribution.markBuilt(home);
    }

    private List<String> keycloakCommand(Path home) {
        return List.of(home.resolve("bin/kc.sh").toString(), "start", "--optimized",
                "--http-enabled=true",
                "--http-host=127.0.0.1",
                // Fixes the issuer whatever host name a client uses, so services accept every token.
                "--hostname=" + config.keycloakUrl(),
                "--http-port=" + config.ports().keycloak(),
                "--http-management-port=" + config.ports().keycloakManagement(),
                "--import-realm");
    }

    private Map<String, String> keycloakEnv() {
        StackConfig.Credentials c = config.credentials();
        Map<String, String> env = new HashMap<>();
        env.put("JAVA_HOME", config.javaHome().toString());
        // C1 only: roughly halves Keycloak's start on two cores; its local load never needs C2.
        env.put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", c.keycloakAdminPassword());
        env.put("DEMO_USER_PASSWORD", c.demoUserPassword());
        env.put("METRICS_SERVICE_CLIENT_SECRET", c.metricsClientSecret());
        env.put("CRM_ACME_SECRET", c.crmAcmeSecret());
        env.put("CRM_GLOBEX_SECRET", c.crmGlobexSecret());
        // The console is served through the gateway: its origin may call Keycloak's token endpoint (CORS).
        env.put("CONSOLE_ORIGIN", config.consoleUrl());
        return env;
    }

    private Map<String, String> common(int port, int managementPort) {
        Map<String, String> env = new HashMap<>();
        env.put("HTTP_PORT", String.valueOf(port));
        env.put("MANAGEMENT_PORT", String.valueOf(managementPort));
        env.put("OIDC_AUTH_SERVER_URL", config.issuer());
        env.put("JOURNEY_SERVICE_URL", "http://localhost:" + config.ports().journey());
        env.put("SURVEY_SERVICE_URL", "http://localhost:" + config.ports().survey());
        env.put("METRICS_SERVICE_URL", "http://localhost:" + config.ports().metrics());
        return env;
    }

    private Map<String, String> journeyEnv() {
        Map<String, String> env = common(config.ports().journey(), config.ports().journeyManagement());
        env.put("MONGODB_URI", "mongodb://localhost:" + config.ports().mongo());
        return env;
    }

    private Map<String, String> surveyEnv() {
        Map<String, String> env = common(config.ports().survey(), config.ports().surveyManagement());
        String db = "localhost:" + config.ports().postgres() + "/effortmap_survey";
        env.put("DB_REACTIVE_URL", "postgresql://" + db);
        env.put("DB_JDBC_URL", "jdbc:postgresql://" + db);
        env.put("DB_USERNAME", "effortmap");
        env.put("DB_PASSWORD", config.credentials().databasePassword());
        // Invitation links lead to the respondent page through this stack's own gateway.
        env.put("PUBLIC_SURVEY_BASE_URL", System.getenv().getOrDefault("PUBLIC_SURVEY_BASE_URL", config.gatewayUrl()));
        return env;
    }

    private Map<String, String> metricsEnv() {
        Map<String, String> env = common(config.ports().metrics(), config.ports().metricsManagement());
        env.put("MONGODB_URI", "mongodb://localhost:" + config.ports().mongo());
        env.put("OIDC_CLIENT_SECRET", config.credentials().metricsClientSecret());
        // A local platform is for trying things out: webhooks may go to a receiver on this machine.
        env.put("WEBHOOKS_ALLOW_HTTP", "true");
        env.put("WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", "true");
        // The demo data's response segments (DemoSeeder), so the segment filter of the series works out of the box.
        // Each attribute adds slices to every answer's buckets (two attributes: three times the bucket writes), so
        // feed pages are kept smaller than the production default to stay well within this process's 512 MB heap
        // while the demo backlog is ingested.
        env.put("SEGMENT_ATTRIBUTES", System.getenv().getOrDefault("SEGMENT_ATTRIBUTES", DemoSeeder.SEGMENT_ATTRIBUTES));
        env.put("FEED_BATCH_SIZE", System.getenv().getOrDefault("FEED_BATCH_SIZE", "250"));
        return env;
    }

    /** The gateway probes the services' readiness itself, as Kubernetes' endpoints would (see UpstreamHealth). */
    private Map<String, String> gatewayEnv() {
        Ports ports = config.ports();
        Map<String, String> env = common(ports.gateway(), ports.gatewayManagement());
        // Where the gateway reads the services' OpenAPI documents (merged /openapi, Swagger UI) and probes their
        // readiness.
        env.put("SURVEY_SERVICE_MANAGEMENT_URL", "http://localhost:" + ports.surveyManagement());
        env.put("JOURNEY_SERVICE_MANAGEMENT_URL", "http://localhost:" + ports.journeyManagement());
        env.put("METRICS_SERVICE_MANAGEMENT_URL", "http://localhost:" + ports.metricsManagement());
        env.put("GATEWAY_PROBE_READINESS", "true");
        env.put("CONSOLE_URL", "http://localhost:" + ports.console());
        return env;
    }

    /** The browser app logs users in at the realm URL browsers reach, which is the local Keycloak here. */
    private Map<String, String> consoleEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("HTTP_PORT", String.valueOf(config.ports().console()));
        env.put("MANAGEMENT_PORT", String.valueOf(config.ports().consoleManagement()));
        env.put("OIDC_PUBLIC_ISSUER", config.issuer());
        return env;
    }
}
