package io.effortmap.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Security, resources, probes, images, availability and exposure rules for every workload. */
class WorkloadPolicyTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;

    /**
     * The only workload allowed a writable root file system: Keycloak in `start-dev`, which re-augments itself into
     * /opt/keycloak/lib at start. Production Keycloak (`start --optimized`) runs read-only.
     */
    static final Set<String> WRITABLE_ROOT_FS = Set.of("dev/keycloak");

    /** Services reachable from outside the cluster, through an Ingress only. Keycloak must be: browsers (PKCE) and
     * partner CRMs (client credentials) get their tokens from it, and tokens carry its public URL as issuer. */
    static final Set<String> PUBLIC_BACKENDS = Set.of("gateway", "keycloak");

    static final Pattern PINNED_IMAGE = Pattern.compile("^[a-z0-9.-]+(:[0-9]+)?(/[a-z0-9._-]+)*(:[A-Za-z0-9._-]+)?(@sha256:[a-f0-9]{64})?$");

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyContainerHasProbesResourcesAndAPinnedImage(String overlay) {
        Manifests m = Manifests.of(overlay);
        m.workloads().forEach((name, template) -> {
            for (Container c : template.getSpec().getContainers()) {
                String where = overlay + "/" + name + "/" + c.getName();
                assertThat(c.getStartupProbe()).as("%s startupProbe", where).isNotNull();
                assertThat(c.getLivenessProbe()).as("%s livenessProbe", where).isNotNull();
                assertThat(c.getReadinessProbe()).as("%s readinessProbe", where).isNotNull();
                for (Probe p : List.of(c.getStartupProbe(), c.getLivenessProbe(), c.getReadinessProbe())) {
                    assertThat(p.getHttpGet() != null || p.getTcpSocket() != null || p.getExec() != null
                            || p.getGrpc() != null).as("%s: a probe without a handler", where).isTrue();
                }

                var resources = c.getResources();
                assertThat(resources).as("%s resources", where).isNotNull();
                assertThat(resources.getRequests()).as("%s requests", where).containsKeys("cpu", "memory");
                assertThat(resources.getLimits()).as("%s limits", where).containsKeys("cpu", "memory");
                for (String r : List.of("cpu", "memory")) {
                    assertThat(Quantity.getAmountInBytes(resources.getRequests().get(r)))
                            .as("%s %s request <= limit", where, r)
                            .isLessThanOrEqualTo(Quantity.getAmountInBytes(resources.getLimits().get(r)));
                }

                String image = c.getImage();
                assertThat(image).as("%s image", where).matches(PINNED_IMAGE);
                String tag = tag(image);
                assertThat(tag != null || image.contains("@sha256:")).as("%s: image %s has no tag", where, image).isTrue();
                assertThat(tag).as("%s: image %s", where, image).isNotEqualToIgnoringCase("latest");
            }
        });
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyPodIsLockedDown(String overlay) {
        Manifests m = Manifests.of(overlay);
        m.workloads().forEach((name, template) -> {
            PodSpec pod = template.getSpec();
            PodSecurityContext podSc = pod.getSecurityContext();
            assertThat(pod.getAutomountServiceAccountToken()).as("%s/%s automountServiceAccountToken", overlay, name)
                    .isFalse();
            assertThat(pod.getHostNetwork()).as("hostNetwork").isNotEqualTo(Boolean.TRUE);
            assertThat(pod.getHostPID()).as("hostPID").isNotEqualTo(Boolean.TRUE);
            ServiceAccount sa = m.get(ServiceAccount.class, pod.getServiceAccountName());
            assertThat(sa.getAutomountServiceAccountToken()).as("%s: ServiceAccount %s automount", overlay,
                    sa.getMetadata().getName()).isFalse();

            for (Container c : pod.getContainers()) {
                String where = overlay + "/" + name + "/" + c.getName();
                SecurityContext sc = c.getSecurityContext();
                assertThat(sc).as("%s securityContext", where).isNotNull();
                boolean nonRoot = Boolean.TRUE.equals(sc.getRunAsNonRoot())
                        || (podSc != null && Boolean.TRUE.equals(podSc.getRunAsNonRoot()) && sc.getRunAsNonRoot() == null);
                assertThat(nonRoot).as("%s runAsNonRoot", where).isTrue();
                String seccomp = sc.getSeccompProfile() != null ? sc.getSeccompProfile().getType()
                        : podSc != null && podSc.getSeccompProfile() != null ? podSc.getSeccompProfile().getType() : null;
                assertThat(seccomp).as("%s seccompProfile", where).isIn("RuntimeDefault", "Localhost");
                assertThat(sc.getAllowPrivilegeEscalation()).as("%s allowPrivilegeEscalation", where).isFalse();
                assertThat(sc.getPrivileged()).as("%s privileged", where).isNotEqualTo(Boolean.TRUE);
                assertThat(sc.getCapabilities()).as("%s capabilities", where).isNotNull();
                assertThat(sc.getCapabilities().getDrop()).as("%s capabilities.drop", where).contains("ALL");
                assertThat(sc.getCapabilities().getAdd()).as("%s capabilities.add", where).isNullOrEmpty();
                if (WRITABLE_ROOT_FS.contains(overlay + "/" + name)) {
                    continue;
                }
                assertThat(sc.getReadOnlyRootFilesystem()).as("%s readOnlyRootFilesystem", where).isTrue();
                String tmpVolume = c.getVolumeMounts().stream().filter(v -> v.getMountPath().equals("/tmp"))
                        .map(v -> v.getName()).findFirst()
                        .orElseThrow(() -> new AssertionError(where + ": read-only root without a /tmp mount"));
                Volume tmp = pod.getVolumes().stream().filter(v -> v.getName().equals(tmpVolume)).findFirst().orElseThrow();
                assertThat(tmp.getEmptyDir()).as("%s: /tmp is an emptyDir", where).isNotNull();
            }
        });
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void appsDrainBeforeShutdownAndSpreadAcrossNodes(String overlay) {
        Manifests m = Manifests.of(overlay);
        for (String app : Manifests.APPS) {
            Deployment d = m.get(Deployment.class, app);
            PodTemplateSpec template = d.getSpec().getTemplate();
            Container c = Manifests.container(template, app);
            Map<String, String> env = m.environment(c);

            assertThat(c.getLifecycle()).as("%s/%s preStop", overlay, app).isNotNull();
            List<String> preStop = c.getLifecycle().getPreStop().getExec().getCommand();
            assertThat(preStop).as("%s/%s preStop", overlay, app).hasSize(2).first().isEqualTo("sleep");
            long sleep = Long.parseLong(preStop.get(1));
            assertThat(sleep).as("preStop sleep").isBetween(5L, 30L);
            assertThat(env).as("%s/%s env", overlay, app).containsKey("QUARKUS_SHUTDOWN_TIMEOUT");
            long shutdown = Duration.parse("PT" + env.get("QUARKUS_SHUTDOWN_TIMEOUT").toUpperCase()).toSeconds();
            assertThat(template.getSpec().getTerminationGracePeriodSeconds())
                    .as("%s/%s: grace period > preStop sleep + QUARKUS_SHUTDOWN_TIMEOUT", overlay, app)
                    .isGreaterThan(sleep + shutdown);

            assertThat(env.get("JAVA_TOOL_OPTIONS")).as("%s/%s JVM sized from the container limit", overlay, app)
                    .contains("-XX:MaxRAMPercentage=");
            assertThat(c.getResources().getRequests().get("memory"))
                    .as("%s/%s: JVM memory request == limit", overlay, app)
                    .isEqualTo(c.getResources().getLimits().get("memory"));

            List<TopologySpreadConstraint> spread = template.getSpec().getTopologySpreadConstraints();
            assertThat(spread).as("%s/%s topologySpreadConstraints", overlay, app).isNotEmpty();
            assertThat(spread).extracting(TopologySpreadConstraint::getTopologyKey).contains("kubernetes.io/hostname");
            for (TopologySpreadConstraint t : spread) {
                assertThat(template.getMetadata().getLabels()).containsAllEntriesOf(t.getLabelSelector().getMatchLabels());
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void appsAreAutoscaledAndProtectedFromDisruption(String overlay) {
        Manifests m = Manifests.of(overlay);
        for (String app : Manifests.APPS) {
            Deployment d = m.get(Deployment.class, app);
            Map<String, String> podLabels = d.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(d.getSpec().getReplicas()).as("%s/%s: the HPA owns replicas", overlay, app).isNull();

            HorizontalPodAutoscaler hpa = m.get(HorizontalPodAutoscaler.class, app);
            assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
            assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(app);
            int min = hpa.getSpec().getMinReplicas();
            assertThat(min).isPositive().isLessThanOrEqualTo(hpa.getSpec().getMaxReplicas());
            assertThat(hpa.getSpec().getMetrics()).isNotEmpty();

            PodDisruptionBudget pdb = m.get(PodDisruptionBudget.class, app);
            assertThat(podLabels).containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());

            Service svc = m.get(Service.class, app);
            assertThat(podLabels).containsAllEntriesOf(svc.getSpec().getSelector());

            if (overlay.equals("prod")) {
                assertThat(min).as("prod %s minReplicas", app).isGreaterThanOrEqualTo(app.equals("gateway") ? 3 : 2);
                assertThat(pdb.getSpec().getMinAvailable()).as("prod %s PDB minAvailable", app).isNotNull();
                assertThat(pdb.getSpec().getMaxUnavailable()).as("prod %s PDB", app).isNull();
                assertThat(pdb.getSpec().getMinAvailable().getIntVal()).as("prod %s: a drain can proceed", app)
                        .isPositive().isLessThan(min);
            } else {
                assertThat(min).as("dev: one replica each").isEqualTo(1);
                assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(1);
                assertThat(pdb.getSpec().getMaxUnavailable()).as("dev PDB never blocks a drain").isNotNull();
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void onlyTheGatewayAndTheIdentityProviderAreExposed(String overlay) {
        Manifests m = Manifests.of(overlay);
        for (Service s : m.all(Service.class)) {
            String type = s.getSpec().getType() == null ? "ClusterIP" : s.getSpec().getType();
            assertThat(type).as("%s: Service %s type", overlay, s.getMetadata().getName()).isEqualTo("ClusterIP");
            assertThat(s.getSpec().getExternalIPs()).as("externalIPs").isNullOrEmpty();
        }
        for (Ingress ingress : m.all(Ingress.class)) {
            assertThat(ingress.getSpec().getDefaultBackend()).as("%s: default backend", overlay).isNull();
            for (var rule : ingress.getSpec().getRules()) {
                for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                    String backend = path.getBackend().getService().getName();
                    assertThat(backend).as("%s: Ingress %s exposes", overlay, ingress.getMetadata().getName())
                            .isIn(PUBLIC_BACKENDS);
                    if (backend.equals("keycloak")) {
                        // The admin console and APIs stay internal.
                        assertThat(path.getPath()).isIn("/realms/", "/resources/");
                    }
                    if (backend.equals("gateway")) {
                        // The public port only: health, metrics stay on the management port, inside the cluster.
                        var port = path.getBackend().getService().getPort();
                        assertThat(port.getName() != null ? port.getName() : String.valueOf(port.getNumber()))
                                .as("%s: port the gateway Ingress exposes", overlay).isIn("http", "8080");
                    }
                }
            }
            if (overlay.equals("prod")) {
                assertThat(ingress.getSpec().getTls()).as("prod Ingress %s TLS", ingress.getMetadata().getName())
                        .isNotEmpty();
            }
        }
        assertThat(m.all(Ingress.class)).extracting(i -> i.getMetadata().getName()).contains("gateway");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void keycloakMatchesTheOverlay(String overlay) {
        Manifests m = Manifests.of(overlay);
        Deployment kc = m.get(Deployment.class, "keycloak");
        Container c = Manifests.container(kc.getSpec().getTemplate(), "keycloak");
        assertThat(c.getArgs()).contains("--import-realm");
        assertThat(c.getVolumeMounts()).anyMatch(v -> v.getMountPath().equals("/opt/keycloak/data/import"));
        Map<String, String> env = m.environment(c);
        if (overlay.equals("prod")) {
            assertThat(c.getArgs()).startsWith("start", "--optimized");
            assertThat(env).containsKeys("KC_DB_URL", "KC_DB_USERNAME", "KC_DB_PASSWORD");
            assertThat(env.get("KC_HOSTNAME")).startsWith("https://");
            assertThat(kc.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
            assertThat(m.get(PodDisruptionBudget.class, "keycloak").getSpec().getMinAvailable()).isNotNull();
            assertThat(m.all(StatefulSet.class)).as("prod stores are external / operator-managed").isEmpty();
        } else {
            assertThat(c.getArgs()).startsWith("start-dev");
            assertThat(m.all(StatefulSet.class)).extracting(s -> s.getMetadata().getName())
                    .containsExactlyInAnyOrder("postgresql", "mongodb");
            m.all(StatefulSet.class).forEach(s -> assertThat(s.getSpec().getVolumeClaimTemplates()).isNotEmpty());
        }
    }

    static String tag(String image) {
        String withoutDigest = image.split("@")[0];
        Matcher matcher = Pattern.compile(":([A-Za-z0-9._-]+)$").matcher(withoutDigest.substring(withoutDigest.lastIndexOf('/') + 1));
        return matcher.find() ? matcher.group(1) : null;
    }
}
