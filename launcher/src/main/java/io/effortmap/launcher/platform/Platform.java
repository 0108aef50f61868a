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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Starts the whole platform as separate processes, in dependency order, and stops it in reverse. Used by
 * {@code ./effortmap up} and by the end-to-end tests, so both exercise the same stack.
 */
public final class Platform implements AutoCloseable {

    private static final Duration SERVICE_START = Duration.ofSeconds(120);
    private static final Duration KEYCLOAK_START = Duration.ofSeconds(300);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    /** The Quarkus applications, in start order. */
    private static final List<String> SERVICES = List.of("journey-service", "survey-service", "metrics-service",
            "console", "gateway");

    private final StackConfig config;
    private final Consumer<String> out;
    private final List<ManagedProcess> started = new ArrayList<>();
    private final Map<String, Map<String, String>> systemProperties = new HashMap<>();
    private final long startNanos = System.nanoTime();

    public Platform(StackConfig config, Consumer<String> out) {
        this.config = config;
        this.out = out;
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
        checkPorts();
        try {
            Path keycloakHome = KeycloakDistribution.prepare(config.dataDir());
            // The stores and Keycloak do not depend on each other: start them together, Keycloak is the slow one.
            ManagedProcess postgres = launch("PostgreSQL", storeCommand("io.effortmap.launcher.stores.PostgresStore",
                    String.valueOf(config.ports().postgres()), config.dataDir().resolve("postgres").toString(),
                    "effortmap_survey", "effortmap", config.credentials().databasePassword()), Map.of(), "postgres");
            ManagedProcess mongo = launch("Mongo store", storeCommand("io.effortmap.launcher.stores.MongoStore",
                    String.valueOf(config.ports().mongo()), config.dataDir().resolve("mongo/effortmap.mv").toString()),
                    Map.of(), "mongo");
            if (!KeycloakDistribution.isBuilt(keycloakHome)) {
                buildKeycloak(keycloakHome);
            }
            ManagedProcess keycloak = launch("Keycloak", keycloakCommand(keycloakHome), keycloakEnv(), "keycloak");
            ready(postgres, () -> postgres.awaitLogLine("PostgreSQL ready", SERVICE_START), "port " + config.ports().postgres());
            ready(mongo, () -> mongo.awaitLogLine("Mongo store ready", SERVICE_START), "port " + config.ports().mongo());
            ready(keycloak, () -> keycloak.awaitHealthy(URI.create("http://localhost:" + config.ports().keycloakManagement()
                    + "/health/ready"), KEYCLOAK_START), config.keycloakUrl());

            List<String> modules = SERVICES;
            List<ManagedProcess> services = new ArrayList<>();
            for (String module : modules) {
                services.add(launchService(module, false));
            }
            for (int i = 0; i < services.size(); i++) {
                awaitService(services.get(i), spec(modules.get(i)));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Stops one service (SIGTERM, as an orchestrator would), leaving the rest of the stack running. */
    public void stopService(String module) {
        spec(module);
        ManagedProcess process;
        synchronized (this) {
            process = started.stream().filter(p -> p.name().equals(module)).findFirst()
                    .orElseThrow(() -> new LaunchException(module + " is not running"));
            started.remove(process);
        }
        process.stop(STOP_GRACE);
    }

    /** Starts a service stopped by {@link #stopService(String)} again, with the same settings, and waits until ready. */
    public void startService(String module) {
        ServiceSpec spec = spec(module);
        synchronized (this) {
            if (started.stream().anyMatch(p -> p.name().equals(module))) {
                throw new LaunchException(module + " is already running");
            }
        }
        awaitService(launchService(module, true), spec);
    }

    /** CPU time used so far per running component, in start order. */
    public synchronized Map<String, Duration> cpuTimes() {
        Map<String, Duration> times = new LinkedHashMap<>();
        started.forEach(process -> times.merge(process.name(), process.cpuTime(), Duration::plus));
        return times;
    }

    public Duration uptime() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    @Override
    public synchronized void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).stop(STOP_GRACE);
        }
        started.clear();
    }

    private ManagedProcess launch(String name, List<String> command, Map<String, String> env, String logName) {
        return launch(name, command, env, logName, false);
    }

    private ManagedProcess launch(String name, List<String> command, Map<String, String> env, String logName,
            boolean appendLog) {
        Path workDir = config.dataDir();
        ManagedProcess process = ManagedProcess.start(name, command, env, workDir, config.logs().resolve(logName + ".log"),
                appendLog);
        synchronized (this) {
            started.add(process);
        }
        return process;
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

    /** A restart appends to the service's log, so the lines before it stay readable. */
    private ManagedProcess launchService(String module, boolean appendLog) {
        return launch(module, serviceCommand(module), spec(module).env(), module, appendLog);
    }

    /** Readiness is on the management port; the API port serves only the API. */
    private void awaitService(ManagedProcess service, ServiceSpec spec) {
        ready(service, () -> service.awaitHealthy(URI.create("http://localhost:" + spec.managementPort()
                + "/q/health/ready"), SERVICE_START), "http://localhost:" + spec.port());
    }

    private void ready(ManagedProcess process, Runnable await, String where) {
        long begin = System.nanoTime();
        await.run();
        double own = (System.nanoTime() - begin) / 1e9;
        out.accept(String.format(Locale.ROOT, "  %-16s ready  %6.1f s (at %5.1f s)  %-28s log: %s", process.name(), own,
                uptime().toMillis() / 1000.0, where, config.projectRoot().relativize(process.log())));
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
     * 60-150 ms pauses until the heap had grown (a 10 s metrics lag at 1,000 responses/s).
     */
    private List<String> serviceCommand(String module) {
        List<String> command = new ArrayList<>(List.of(java(), "-Xms256m", "-Xmx512m", "-XX:+UseSerialGC", gcLog(module)));
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
        ready(build, () -> build.awaitExit(KEYCLOAK_START), "one-time");
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

    private Map<String, String> gatewayEnv() {
        Ports ports = config.ports();
        Map<String, String> env = common(ports.gateway(), ports.gatewayManagement());
        // Where the gateway reads the services' OpenAPI documents (merged /openapi, Swagger UI).
        env.put("SURVEY_SERVICE_MANAGEMENT_URL", "http://localhost:" + ports.surveyManagement());
        env.put("JOURNEY_SERVICE_MANAGEMENT_URL", "http://localhost:" + ports.journeyManagement());
        env.put("METRICS_SERVICE_MANAGEMENT_URL", "http://localhost:" + ports.metricsManagement());
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
