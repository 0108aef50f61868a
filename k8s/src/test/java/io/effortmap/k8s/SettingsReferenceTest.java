package io.effortmap.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every setting a service reads is one an operator can see and set: each property the code reads (its
 * {@code @ConfigMapping} interfaces and {@code @ConfigProperty} fields, found in the sources) is bound to an env var in
 * application.properties, and every env var there is listed in docs/configuration.md and set in the manifests of every
 * overlay. A new setting that misses any of the three fails here. {@link ServiceConfigConsistencyTest} checks the
 * other direction (nothing set that is not read).
 */
class SettingsReferenceTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;

    /**
     * Properties the code reads that are deliberately not operator settings, with why: switches the tests use to
     * drive work themselves, and the gateway's route table, which is the API's shape, not a deployment choice.
     */
    static final Map<String, String> NOT_SETTINGS = Map.of(
            "effortmap.metrics.feed.enabled", "test switch: tests drive ingestion themselves",
            "effortmap.metrics.alerts.enabled", "test switch: tests evaluate rules themselves",
            "effortmap.metrics.webhooks.dispatch", "test switch: tests dispatch deliveries themselves",
            "effortmap.gateway.services", "route table (prefixes per service); its urls, timeouts and body limits are settings",
            "effortmap.gateway.rate-limit.clients", "per-client overrides, keyed by client id (no env var can spell a key)",
            "effortmap.gateway.request-media-types", "the media types the API accepts: part of the contract");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:[^}]*)?}");
    private static final Pattern MAPPING = Pattern.compile("@ConfigMapping\\(prefix\\s*=\\s*\"([^\"]+)\"\\)\\s*(?:public\\s+)?interface\\s+(\\w+)");
    private static final Pattern PROPERTY = Pattern.compile("@ConfigProperty\\(name\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern METHOD = Pattern.compile("([\\w.]+(?:<[^;()]*>)?)\\s+(\\w+)\\(\\)\\s*;");
    private static final Pattern NESTED = Pattern.compile("interface\\s+(\\w+)\\s*\\{");

    /** The properties a module's code reads, each with true when it is a map (its keys are free). */
    static Map<String, Boolean> propertiesRead(String module) {
        Map<String, Boolean> read = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(Manifests.REPO.resolve(module).resolve("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = withoutComments(Files.readString(file));
                Matcher property = PROPERTY.matcher(source);
                while (property.find()) {
                    if (!property.group(1).startsWith("quarkus.")) {
                        read.put(property.group(1), false);
                    }
                }
                Matcher mapping = MAPPING.matcher(source);
                if (mapping.find()) {
                    int open = source.indexOf('{', mapping.end() - 1);
                    mapping(source, body(source, open), mapping.group(1), read);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return read;
    }

    /** Walks one interface body: leaf methods are properties, methods returning a nested interface are groups. */
    private static void mapping(String source, String body, String prefix, Map<String, Boolean> read) {
        Map<String, String> nested = new LinkedHashMap<>();
        Matcher n = NESTED.matcher(body);
        StringBuilder topLevel = new StringBuilder();
        int from = 0;
        while (n.find(from)) {
            String inner = body(body, n.end() - 1);
            nested.put(n.group(1), inner);
            topLevel.append(body, from, n.start());
            from = n.end() + inner.length();
        }
        topLevel.append(body.substring(Math.min(from, body.length())));
        Matcher m = METHOD.matcher(topLevel);
        while (m.find()) {
            String type = m.group(1);
            String name = prefix + "." + kebab(m.group(2));
            String simple = type.replaceAll("^Optional<(.*)>$", "$1");
            if (nested.containsKey(simple)) {
                mapping(source, nested.get(simple), name, read);
            } else if (type.startsWith("Map<")) {
                read.put(name, true);
            } else if (nestedElsewhere(source, simple)) {
                mapping(source, body(source, source.indexOf('{', source.indexOf("interface " + simple))), name, read);
            } else {
                read.put(name, false);
            }
        }
    }

    private static boolean nestedElsewhere(String source, String type) {
        return Pattern.compile("interface\\s+" + Pattern.quote(type) + "\\s*\\{").matcher(source).find();
    }

    /** The text between the brace at {@code open} and its match. */
    private static String body(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            if (text.charAt(i) == '{') {
                depth++;
            } else if (text.charAt(i) == '}' && --depth == 0) {
                return text.substring(open + 1, i);
            }
        }
        throw new AssertionError("unbalanced braces");
    }

    private static String withoutComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)//.*$", "");
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    @Test
    void theSourceScanFindsWhatTheServicesRead() {
        // Guards the scan itself: were it to find nothing, every other check here would pass vacuously.
        assertThat(propertiesRead("metrics-service")).containsKeys("effortmap.metrics.segment-attributes",
                "effortmap.metrics.time-zones", "effortmap.metrics.webhooks.retry-base", "effortmap.metrics.feed.lease-ttl");
        assertThat(propertiesRead("survey-service")).containsKeys("effortmap.invitations.public-base-url",
                "effortmap.journey-client.read-timeout");
        assertThat(propertiesRead("journey-service")).containsKeys("journey.feed.gap-grace");
        assertThat(propertiesRead("gateway")).containsEntry("effortmap.gateway.services", true)
                .containsKeys("effortmap.gateway.rate-limit.api.capacity", "effortmap.gateway.verified-token-cache-size");
    }

    @Test
    void everyPropertyTheCodeReadsIsBoundToAnEnvVar() {
        List<String> unbound = new ArrayList<>();
        for (String app : Manifests.APPS) {
            Map<String, String> properties = ServiceConfigConsistencyTest.appConfig(app).properties();
            propertiesRead(app).forEach((name, isMap) -> {
                if (NOT_SETTINGS.containsKey(name)) {
                    return;
                }
                String value = properties.get(name);
                if (value == null || !PLACEHOLDER.matcher(value).find()) {
                    unbound.add(app + ": " + name + (isMap ? " (a map)" : ""));
                }
            });
        }
        assertThat(unbound).as("properties read by the code but not set from an env var in application.properties "
                + "(operators could not see or change them)").isEmpty();
    }

    @Test
    void everyEnvVarIsInTheConfigurationReference() throws IOException {
        String reference = Files.readString(Manifests.REPO.resolve("docs/configuration.md"));
        Set<String> missing = new TreeSet<>();
        for (String app : Manifests.APPS) {
            for (String var : ServiceConfigConsistencyTest.appConfig(app).envVars().keySet()) {
                if (!reference.contains("`" + var + "`")) {
                    missing.add(app + ": " + var);
                }
            }
        }
        assertThat(missing).as("env vars the services read but docs/configuration.md does not list").isEmpty();
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyEnvVarIsSetInTheManifests(String overlay) {
        Manifests m = Manifests.of(overlay);
        Set<String> missing = new TreeSet<>();
        for (String app : Manifests.APPS) {
            Container c = Manifests.container(m.get(Deployment.class, app).getSpec().getTemplate(), app);
            Set<String> set = m.environment(c).keySet();
            for (String var : ServiceConfigConsistencyTest.appConfig(app).envVars().keySet()) {
                if (!set.contains(var)) {
                    missing.add(app + ": " + var);
                }
            }
        }
        assertThat(missing).as("%s: env vars the services read but the manifests do not set (with their default "
                + "where it suits, so operators see every setting)", overlay).isEmpty();
    }
}
