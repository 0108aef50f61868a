package io.effortmap.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The realm imported in the cluster is the project's, its placeholders are all provided, and every Secret the
 * manifests use is one k8s/README.md tells the operator to create. */
class RealmAndSecretsTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;
    static final Path LAUNCHER_REALM = Manifests.REPO.resolve("launcher/src/main/resources/keycloak/effortmap-realm.json");
    static final Path K8S_REALM = Manifests.K8S.resolve("base/keycloak/effortmap-realm.json");
    /** Realm placeholders that are not secrets: the browser console's public origin. */
    static final Set<String> PUBLIC_PLACEHOLDERS = Set.of("CONSOLE_ORIGIN");

    @Test
    void realmCopyIsIdenticalToTheLaunchersRealm() throws IOException {
        assertThat(Files.readAllBytes(K8S_REALM))
                .as("k8s/base/keycloak/effortmap-realm.json must be a copy of %s: cp it again", LAUNCHER_REALM)
                .isEqualTo(Files.readAllBytes(LAUNCHER_REALM));
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void keycloakImportsTheRealmAndGetsEveryPlaceholderFromASecret(String overlay) throws IOException {
        Manifests m = Manifests.of(overlay);
        Deployment kc = m.get(Deployment.class, "keycloak");
        PodTemplateSpec template = kc.getSpec().getTemplate();
        Container c = Manifests.container(template, "keycloak");

        String volume = c.getVolumeMounts().stream().filter(v -> v.getMountPath().equals("/opt/keycloak/data/import"))
                .findFirst().orElseThrow().getName();
        String configMap = template.getSpec().getVolumes().stream().filter(v -> v.getName().equals(volume)).findFirst()
                .orElseThrow().getConfigMap().getName();
        ConfigMap realm = m.configMap(configMap);
        assertThat(realm.getData().get("effortmap-realm.json")).isEqualTo(Files.readString(LAUNCHER_REALM));

        Matcher placeholders = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)").matcher(Files.readString(LAUNCHER_REALM));
        Set<String> needed = new TreeSet<>();
        while (placeholders.find()) {
            needed.add(placeholders.group(1));
        }
        assertThat(needed).isNotEmpty();
        Map<String, String> env = m.environment(c);
        for (String name : needed) {
            if (PUBLIC_PLACEHOLDERS.contains(name)) {
                // Public settings (an origin) come from the keycloak-config ConfigMap, never from a Secret.
                assertThat(env.get(name)).as("%s: Keycloak lacks realm placeholder %s", overlay, name).isNotBlank();
                continue;
            }
            EnvVar var = c.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError(overlay + ": Keycloak lacks realm placeholder " + name));
            assertThat(var.getValueFrom().getSecretKeyRef()).as("%s: %s from a Secret", overlay, name).isNotNull();
        }

        // One secret for the metrics-service client on both sides, so they cannot drift apart.
        SecretKeySelector kcSide = secretRef(c, "METRICS_SERVICE_CLIENT_SECRET");
        Container metrics = Manifests.container(
                m.get(Deployment.class, "metrics-service").getSpec().getTemplate(), "metrics-service");
        SecretKeySelector serviceSide = secretRef(metrics, "OIDC_CLIENT_SECRET");
        assertThat(kcSide.getName()).isEqualTo(serviceSide.getName());
        assertThat(kcSide.getKey()).isEqualTo(serviceSide.getKey());
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void readmeCreatesEverySecretTheOverlayUses(String overlay) throws IOException {
        Manifests m = Manifests.of(overlay);
        Map<String, Set<String>> used = new TreeMap<>();
        m.workloads().values().forEach(t -> t.getSpec().getContainers().forEach(c -> {
            if (c.getEnv() != null) {
                c.getEnv().stream().filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                        .map(e -> e.getValueFrom().getSecretKeyRef())
                        .forEach(ref -> used.computeIfAbsent(ref.getName(), k -> new TreeSet<>()).add(ref.getKey()));
            }
        }));
        Map<String, Set<String>> documented = readmeSecrets(overlay);
        assertThat(documented).as("k8s/README.md secret commands for %s (a ```bash block starting with "
                + "`# secrets: %s`)", overlay, overlay).isEqualTo(used);
    }

    /** Secrets created by the README's `kubectl create secret generic NAME --from-literal=KEY=...` commands. */
    static Map<String, Set<String>> readmeSecrets(String overlay) throws IOException {
        List<String> lines = Files.readAllLines(Manifests.K8S.resolve("README.md"));
        Map<String, Set<String>> result = new TreeMap<>();
        boolean inBlock = false;
        String current = null;
        for (String line : lines) {
            if (line.trim().equals("# secrets: " + overlay)) {
                inBlock = true;
                continue;
            }
            if (inBlock && line.startsWith("```")) {
                inBlock = false;
            }
            if (!inBlock) {
                continue;
            }
            Matcher create = Pattern.compile("kubectl (?:-n \\S+ )?create secret generic (\\S+)").matcher(line);
            if (create.find()) {
                current = create.group(1);
                result.computeIfAbsent(current, k -> new TreeSet<>());
            }
            Matcher literal = Pattern.compile("--from-(?:literal|file)=([A-Za-z0-9_.-]+)=").matcher(line);
            while (current != null && literal.find()) {
                result.get(current).add(literal.group(1));
            }
            if (!line.trim().endsWith("\\")) {
                current = null;
            }
        }
        return result;
    }

    private static SecretKeySelector secretRef(Container c, String name) {
        return c.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                .map(e -> e.getValueFrom().getSecretKeyRef())
                .orElseThrow(() -> new AssertionError(c.getName() + " lacks " + name));
    }
}
