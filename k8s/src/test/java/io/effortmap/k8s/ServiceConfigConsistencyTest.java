package io.effortmap.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The manifests against the services' real configuration: ports and probe paths against application.properties,
 * every env var set is one the service reads, every required (default-less) variable is provided, and every
 * service URL points at a Service that exists.
 */
class ServiceConfigConsistencyTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;

    /**
     * Env vars read by something other than a {@code ${NAME}} placeholder: the JVM itself, and Quarkus' own
     * env-var form of {@code quarkus.shutdown.timeout} (in-flight requests get this long after SIGTERM).
     */
    static final Set<String> PLATFORM_VARS = Set.of("JAVA_TOOL_OPTIONS", "QUARKUS_SHUTDOWN_TIMEOUT");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:[^}]*)?}");
    /** An env var read by a placeholder, also one nested in another's default ({@code ${A:${B:x}}}). */
    private static final Pattern READ_VAR = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:)?");

    record AppConfig(Map<String, String> properties, Map<String, Boolean> envVars) {

        /** Env vars with no default in the production profile (a property only defaulted under %dev/%test). */
        Set<String> required() {
            Set<String> required = new TreeSet<>();
            envVars.forEach((name, hasDefault) -> {
                if (!hasDefault) {
                    required.add(name);
                }
            });
            return required;
        }

        String property(String key, String fallback) {
            return properties.getOrDefault(key, fallback);
        }

        /** Resolves a property's value the way Quarkus would with the given environment. */
        String resolve(String key, String fallback, Map<String, String> env) {
            String raw = properties.get(key);
            if (raw == null) {
                return fallback;
            }
            Matcher m = PLACEHOLDER.matcher(raw);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String value = env.get(m.group(1));
                if (value == null) {
                    value = m.group(2) == null ? "" : m.group(2).substring(1);
                }
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            m.appendTail(out);
            return out.toString();
        }
    }

    /**
     * Every application also reads the defaults common ships ({@code META-INF/microprofile-config.properties}: tracing's
     * standard OTEL_* variables), beneath its own application.properties.
     */
    static final Path SHARED_DEFAULTS = Manifests.REPO.resolve("common/src/main/resources/META-INF/microprofile-config.properties");

    /**
     * Reads a module's configuration (common's shared defaults, then its application.properties): prod-profile
     * properties and, per env var, whether it has a default.
     */
    static boolean usesCommon(String module) {
        try {
            return Files.readString(Manifests.REPO.resolve(module).resolve("pom.xml"))
                    .contains("<artifactId>effortmap-common</artifactId>");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static AppConfig appConfig(String module) {
        Path file = Manifests.REPO.resolve(module).resolve("src/main/resources/application.properties");
        Map<String, String> props = new LinkedHashMap<>();
        Map<String, Boolean> vars = new LinkedHashMap<>();
        try {
            // Common's shared defaults apply only to the applications built on common (not the console).
            List<String> lines = new java.util.ArrayList<>(usesCommon(module) ? Files.readAllLines(SHARED_DEFAULTS) : List.of());
            lines.addAll(Files.readAllLines(file));
            for (String line : lines) {
                String trimmed = line.trim();
                if (trimmed.isEmpty() || trimmed.startsWith("#") || !trimmed.contains("=")) {
                    continue;
                }
                String key = trimmed.substring(0, trimmed.indexOf('=')).trim();
                String value = trimmed.substring(trimmed.indexOf('=') + 1).trim();
                boolean otherProfile = key.startsWith("%") && !key.startsWith("%prod.");
                Matcher m = READ_VAR.matcher(value);
                while (m.find()) {
                    String name = m.group(1);
                    boolean hasDefault = m.group(2) != null;
                    if (otherProfile) {
                        vars.putIfAbsent(name, true); // read, but a dev/test default says nothing about production
                    } else {
                        vars.merge(name, hasDefault, (a, b) -> a && b);
                    }
                }
                if (!otherProfile) {
                    props.put(key.startsWith("%prod.") ? key.substring(6) : key, value);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new AppConfig(props, vars);
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyEnvVarSetIsReadAndEveryRequiredOneIsSet(String overlay) {
        Manifests m = Manifests.of(overlay);
        for (String app : Manifests.APPS) {
            AppConfig config = appConfig(app);
            Container c = Manifests.container(m.get(Deployment.class, app).getSpec().getTemplate(), app);
            Map<String, String> env = m.environment(c);

            Set<String> unread = new TreeSet<>(env.keySet());
            unread.removeAll(config.envVars().keySet());
            unread.removeAll(PLATFORM_VARS);
            assertThat(unread).as("%s/%s sets env vars the service never reads", overlay, app).isEmpty();

            assertThat(env.keySet()).as("%s/%s: required (no default) env vars", overlay, app)
                    .containsAll(config.required());
            // Secrets come from Secrets: a required variable is never a literal in the manifests.
            for (String required : config.required()) {
                EnvVar var = c.getEnv().stream().filter(e -> e.getName().equals(required)).findFirst()
                        .orElseThrow(() -> new AssertionError(overlay + "/" + app + ": " + required
                                + " must come from a secretKeyRef"));
                assertThat(var.getValueFrom()).isNotNull();
                assertThat(var.getValueFrom().getSecretKeyRef()).as("%s/%s %s", overlay, app, required).isNotNull();
            }
            for (String name : env.keySet()) {
                // A secret's name ends in SECRET (WEBHOOKS_SECRET_GRACE is a duration, set in the ConfigMap).
                if (name.contains("PASSWORD") || name.endsWith("SECRET") || name.equals("MONGODB_URI")
                        || name.startsWith("DB_") && name.endsWith("_URL")) {
                    assertThat(env.get(name)).as("%s/%s: %s is secret material, take it from a Secret", overlay, app, name)
                            .isNull();
                }
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void portsAndProbePathsMatchTheServices(String overlay) {
        Manifests m = Manifests.of(overlay);
        for (String app : Manifests.APPS) {
            AppConfig config = appConfig(app);
            Container c = Manifests.container(m.get(Deployment.class, app).getSpec().getTemplate(), app);
            Map<String, String> env = m.environment(c);

            assertThat(config.property("quarkus.http.port", null)).as("%s reads its port from HTTP_PORT", app)
                    .startsWith("${HTTP_PORT");
            int port = Integer.parseInt(config.resolve("quarkus.http.port", "8080", env));
            ContainerPort http = c.getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst()
                    .orElseThrow(() -> new AssertionError(app + ": no container port named http"));
            assertThat(http.getContainerPort()).as("%s/%s: containerPort vs quarkus.http.port", overlay, app)
                    .isEqualTo(port);

            // Health is served by the management interface, on its own port (never the public one).
            assertThat(config.property("quarkus.management.enabled", "false")).as("%s management interface", app)
                    .isEqualTo("true");
            assertThat(config.property("quarkus.management.port", null)).as("%s reads its management port from MANAGEMENT_PORT", app)
                    .startsWith("${MANAGEMENT_PORT");
            int managementPort = Integer.parseInt(config.resolve("quarkus.management.port", "9000", env));
            assertThat(managementPort).as("%s/%s: management port differs from the API port", overlay, app).isNotEqualTo(port);
            ContainerPort management = c.getPorts().stream().filter(p -> "management".equals(p.getName())).findFirst()
                    .orElseThrow(() -> new AssertionError(app + ": no container port named management"));
            assertThat(management.getContainerPort()).as("%s/%s: containerPort vs quarkus.management.port", overlay, app)
                    .isEqualTo(managementPort);

            String root = trimSlashes(config.resolve("quarkus.management.root-path", "q", env));
            String health = trimSlashes(config.resolve("quarkus.smallrye-health.root-path", "health", env));
            String base = "/" + String.join("/", List.of(root, health).stream().filter(s -> !s.isEmpty()).toList());
            assertProbe(app, "startup", c.getStartupProbe(), base + "/"
                    + config.resolve("quarkus.smallrye-health.startup-path", "started", env), managementPort, c);
            assertProbe(app, "liveness", c.getLivenessProbe(), base + "/"
                    + config.resolve("quarkus.smallrye-health.liveness-path", "live", env), managementPort, c);
            assertProbe(app, "readiness", c.getReadinessProbe(), base + "/"
                    + config.resolve("quarkus.smallrye-health.readiness-path", "ready", env), managementPort, c);
            var annotations = m.get(Deployment.class, app).getSpec().getTemplate().getMetadata().getAnnotations();
            assertThat(annotations).as("%s/%s: Prometheus scrapes the management port", overlay, app)
                    .containsEntry("prometheus.io/port", String.valueOf(managementPort))
                    .containsEntry("prometheus.io/path", base.replace("/" + health, "") + "/metrics");

            Service svc = m.get(Service.class, app);
            ServicePort sp = svc.getSpec().getPorts().get(0);
            assertThat(resolvePort(sp.getTargetPort(), c)).as("%s Service targetPort", app).isEqualTo(port);
            for (ServicePort other : svc.getSpec().getPorts()) {
                int target = resolvePort(other.getTargetPort(), c);
                assertThat(target).as("%s Service port %s", app, other.getName()).isIn(port, managementPort);
            }
        }
    }

    /**
     * Every application that handles API requests masks invitation tokens in its logs, on every handler it could log
     * to. (The console serves static files and logs no request paths or bodies.)
     */
    @Test
    void everyApplicationMasksSecretsInItsLogs() {
        for (String app : Manifests.API_APPS) {
            AppConfig config = appConfig(app);
            assertThat(config.property("quarkus.log.console.filter", null)).as("%s console log filter", app)
                    .isEqualTo("effortmap-secrets");
            assertThat(config.property("quarkus.log.file.filter", null)).as("%s file log filter", app)
                    .isEqualTo("effortmap-secrets");
        }
    }

    @Test
    void serviceHealthEndpointsExist() throws IOException {
        // The probes need SmallRye Health: every app depends on effortmap-common, which brings it.
        String common = Files.readString(Manifests.REPO.resolve("common/pom.xml"));
        assertThat(common).contains("<artifactId>quarkus-smallrye-health</artifactId>");
        for (String app : Manifests.APPS) {
            String pom = Files.readString(Manifests.REPO.resolve(app).resolve("pom.xml"));
            assertThat(pom.contains("<artifactId>effortmap-common</artifactId>")
                    || pom.contains("<artifactId>quarkus-smallrye-health</artifactId>"))
                    .as("%s has SmallRye Health", app).isTrue();
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void urlsPointAtServicesThatExist(String overlay) throws IOException {
        Manifests m = Manifests.of(overlay);
        JsonNode realm = Manifests.YAML.readTree(Manifests.K8S.resolve("base/keycloak/effortmap-realm.json").toFile());
        for (String app : Manifests.APPS) {
            Container c = Manifests.container(m.get(Deployment.class, app).getSpec().getTemplate(), app);
            Map<String, String> env = m.environment(c);
            for (Map.Entry<String, String> e : env.entrySet()) {
                if (e.getKey().endsWith("_SERVICE_MANAGEMENT_URL")) {
                    String service = e.getKey().substring(0, e.getKey().length() - "_SERVICE_MANAGEMENT_URL".length())
                            .toLowerCase() + "-service";
                    assertServiceUrl(m, overlay + "/" + app + " " + e.getKey(), e.getValue(), service);
                    Container target = Manifests.container(m.get(Deployment.class, service).getSpec().getTemplate(), service);
                    int managementPort = target.getPorts().stream().filter(p -> "management".equals(p.getName()))
                            .findFirst().orElseThrow().getContainerPort();
                    ServicePort servicePort = m.get(Service.class, service).getSpec().getPorts().stream()
                            .filter(p -> p.getPort() == URI.create(e.getValue()).getPort()).findFirst().orElseThrow();
                    assertThat(resolvePort(servicePort.getTargetPort(), target)).as("%s reaches %s's management port",
                            e.getKey(), service).isEqualTo(managementPort);
                } else if (e.getKey().endsWith("_SERVICE_URL")) {
                    String service = e.getKey().substring(0, e.getKey().length() - "_SERVICE_URL".length())
                            .toLowerCase() + "-service";
                    assertServiceUrl(m, overlay + "/" + app + " " + e.getKey(), e.getValue(), service);
                }
            }
            if (!Manifests.API_APPS.contains(app)) {
                continue;
            }
            String issuer = env.get("OIDC_AUTH_SERVER_URL");
            assertThat(issuer).as("%s/%s OIDC_AUTH_SERVER_URL", overlay, app).isNotNull();
            assertServiceUrl(m, overlay + "/" + app + " OIDC_AUTH_SERVER_URL", issuer, "keycloak");
            assertThat(URI.create(issuer).getPath()).isEqualTo("/realms/" + realm.path("realm").asText());
            String audience = env.getOrDefault("OIDC_AUDIENCE", "effortmap-api");
            assertThat(realm.toString()).as("realm grants audience %s", audience).contains(audience);
        }
        // The gateway forwards the console's pages to the console's Service.
        Map<String, String> gatewayEnv = m.environment(Manifests.container(
                m.get(Deployment.class, "gateway").getSpec().getTemplate(), "gateway"));
        assertServiceUrl(m, overlay + "/gateway CONSOLE_URL", gatewayEnv.get("CONSOLE_URL"), "console");
        // The console logs users in at the issuer browsers reach, with a client of the realm, and the realm lets the
        // console's public origin (the gateway's ingress host) use that client.
        Map<String, String> consoleEnv = m.environment(Manifests.container(
                m.get(Deployment.class, "console").getSpec().getTemplate(), "console"));
        Map<String, String> keycloakEnv = m.environment(Manifests.container(
                m.get(Deployment.class, "keycloak").getSpec().getTemplate(), "keycloak"));
        assertThat(consoleEnv.get("OIDC_PUBLIC_ISSUER")).as("%s console OIDC_PUBLIC_ISSUER", overlay)
                .isEqualTo(gatewayEnv.get("OIDC_PUBLIC_ISSUER"))
                .isEqualTo(keycloakEnv.get("KC_HOSTNAME") + "/realms/" + realm.path("realm").asText());
        assertThat(realm.path("clients").findValuesAsText("clientId"))
                .contains(consoleEnv.getOrDefault("OIDC_CLIENT_ID", "effortmap-web"));
        String gatewayHost = m.get(io.fabric8.kubernetes.api.model.networking.v1.Ingress.class, "gateway").getSpec()
                .getRules().get(0).getHost();
        assertThat(URI.create(keycloakEnv.get("CONSOLE_ORIGIN")).getHost()).as("%s CONSOLE_ORIGIN", overlay)
                .isEqualTo(gatewayHost);
        // metrics-service's client exists in the realm, and both sides share one secret.
        Map<String, String> metricsEnv = m.environment(Manifests.container(
                m.get(Deployment.class, "metrics-service").getSpec().getTemplate(), "metrics-service"));
        String clientId = metricsEnv.getOrDefault("OIDC_CLIENT_ID", "metrics-service");
        assertThat(realm.path("clients").findValuesAsText("clientId")).contains(clientId);
    }

    private static void assertServiceUrl(Manifests m, String what, String url, String service) {
        URI uri = URI.create(url);
        assertThat(uri.getScheme()).as(what).isEqualTo("http");
        assertThat(uri.getHost()).as(what).isEqualTo(service);
        Service svc = m.find(Service.class, service).orElseThrow(() -> new AssertionError(
                what + " = " + url + ": no Service " + service));
        assertThat(svc.getSpec().getPorts()).extracting(ServicePort::getPort).as(what).contains(uri.getPort());
    }

    private static void assertProbe(String app, String kind, Probe probe, String path, int port, Container c) {
        assertThat(probe).as("%s %s probe", app, kind).isNotNull();
        assertThat(probe.getHttpGet()).as("%s %s probe is HTTP", app, kind).isNotNull();
        assertThat(probe.getHttpGet().getPath()).as("%s %s probe path", app, kind).isEqualTo(path);
        assertThat(resolvePort(probe.getHttpGet().getPort(), c)).as("%s %s probe port", app, kind).isEqualTo(port);
    }

    private static int resolvePort(IntOrString port, Container c) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return c.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + port.getStrVal()))
                .getContainerPort();
    }

    private static String trimSlashes(String s) {
        return s.replaceAll("^/+|/+$", "");
    }
}
