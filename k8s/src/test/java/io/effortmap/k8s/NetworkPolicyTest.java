package io.effortmap.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Computes every connection the NetworkPolicies allow, as edges {@code from -> to:port/protocol}, and compares them
 * exactly with the intended list: a policy that opens anything more (or less) fails.
 */
class NetworkPolicyTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;

    static final String INGRESS_CONTROLLER = "ns:ingress-nginx";
    /** Where Prometheus runs: it scrapes every application's management port. */
    static final String MONITORING = "ns:monitoring";
    static final String DNS = "ns:kube-system/k8s-app=kube-dns";
    static final String EXTERNAL_STORES = "ns:effortmap-data";
    /** Where production's OpenTelemetry collector runs: every application sends it traces (OTLP/gRPC). */
    static final String TRACE_COLLECTOR = "ns:observability";

    /** The intended connections: egress edges (seen from the source pod). */
    static Set<String> expectedEgress(String overlay, Set<String> workloads) {
        Set<String> edges = new TreeSet<>();
        for (String w : workloads) {
            edges.add(w + " -> " + DNS + ":53/UDP");
            edges.add(w + " -> " + DNS + ":53/TCP");
        }
        for (String app : Manifests.API_APPS) {
            edges.add(app + " -> keycloak:8080/TCP"); // token validation (and metrics-service's own token)
        }
        for (String svc : List.of("survey-service", "journey-service", "metrics-service")) {
            edges.add("gateway -> " + svc + ":8080/TCP");
            edges.add("gateway -> " + svc + ":9000/TCP"); // their OpenAPI documents, on the management port
        }
        edges.add("gateway -> console:8080/TCP"); // the console's pages and assets
        edges.add("metrics-service -> survey-service:8080/TCP");
        edges.add("metrics-service -> journey-service:8080/TCP");
        edges.add("survey-service -> journey-service:8080/TCP");
        if (overlay.equals("dev")) {
            edges.add("survey-service -> postgresql:5432/TCP");
            edges.add("journey-service -> mongodb:27017/TCP");
            edges.add("metrics-service -> mongodb:27017/TCP");
        } else {
            edges.add("survey-service -> " + EXTERNAL_STORES + ":5432/TCP");
            edges.add("journey-service -> " + EXTERNAL_STORES + ":27017/TCP");
            edges.add("metrics-service -> " + EXTERNAL_STORES + ":27017/TCP");
            // The applications that trace; the console serves static files and reaches nothing.
            Manifests.APPS.stream().filter(app -> !app.equals("console"))
                    .forEach(app -> edges.add(app + " -> " + TRACE_COLLECTOR + ":4317/TCP"));
            // Keycloak's own database and its replicas' cluster (JGroups).
            edges.add("keycloak -> " + EXTERNAL_STORES + ":5432/TCP");
            edges.add("keycloak -> keycloak:7800/TCP");
            edges.add("keycloak -> keycloak:57800/TCP");
        }
        return edges;
    }

    /** The intended connections: ingress edges (seen from the destination pod). */
    static Set<String> expectedIngress(String overlay) {
        Set<String> edges = new TreeSet<>();
        edges.add(INGRESS_CONTROLLER + " -> gateway:8080/TCP");
        edges.add(INGRESS_CONTROLLER + " -> keycloak:8080/TCP"); // browsers (PKCE) and partner CRMs get tokens
        for (String app : Manifests.API_APPS) {
            edges.add(app + " -> keycloak:8080/TCP");
        }
        for (String app : Manifests.APPS) {
            edges.add(MONITORING + " -> " + app + ":9000/TCP"); // Prometheus, management port only
        }
        for (String svc : List.of("survey-service", "journey-service", "metrics-service")) {
            edges.add("gateway -> " + svc + ":8080/TCP");
            edges.add("gateway -> " + svc + ":9000/TCP");
        }
        edges.add("gateway -> console:8080/TCP"); // the console's pages and assets
        edges.add("metrics-service -> survey-service:8080/TCP");
        edges.add("metrics-service -> journey-service:8080/TCP");
        edges.add("survey-service -> journey-service:8080/TCP");
        if (overlay.equals("dev")) {
            edges.add("survey-service -> postgresql:5432/TCP");
            edges.add("journey-service -> mongodb:27017/TCP");
            edges.add("metrics-service -> mongodb:27017/TCP");
        } else {
            edges.add("keycloak -> keycloak:7800/TCP");
            edges.add("keycloak -> keycloak:57800/TCP");
        }
        return edges;
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void namespaceDeniesEverythingByDefault(String overlay) {
        Manifests m = Manifests.of(overlay);
        assertThat(m.all(NetworkPolicy.class)).anySatisfy(p -> {
            assertThat(isEmpty(p.getSpec().getPodSelector())).isTrue();
            assertThat(p.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
            assertThat(p.getSpec().getIngress()).isNullOrEmpty();
            assertThat(p.getSpec().getEgress()).isNullOrEmpty();
        });
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void allowedEgressIsExactlyTheIntendedList(String overlay) {
        Manifests m = Manifests.of(overlay);
        assertThat(edges(m, false)).as("%s: egress edges allowed by the NetworkPolicies", overlay)
                .containsExactlyElementsOf(expectedEgress(overlay, m.workloads().keySet()));
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void allowedIngressIsExactlyTheIntendedList(String overlay) {
        Manifests m = Manifests.of(overlay);
        assertThat(edges(m, true)).as("%s: ingress edges allowed by the NetworkPolicies", overlay)
                .containsExactlyElementsOf(expectedIngress(overlay));
    }

    /** Inside the namespace a connection needs both sides: every egress to a pod here has its ingress, and back. */
    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void bothEndsOfEveryInternalConnectionAgree(String overlay) {
        Manifests m = Manifests.of(overlay);
        Set<String> workloads = m.workloads().keySet();
        Set<String> internalEgress = edges(m, false).stream()
                .filter(e -> workloads.contains(e.substring(e.indexOf("-> ") + 3, e.lastIndexOf(':'))))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> internalIngress = edges(m, true).stream()
                .filter(e -> workloads.contains(e.substring(0, e.indexOf(" ->"))))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(internalEgress).isEqualTo(internalIngress);
    }

    /** Every edge the policies allow, {@code from -> to:port/protocol}; "*" stands for "anything". */
    static Set<String> edges(Manifests m, boolean ingress) {
        Set<String> workloads = m.workloads().keySet();
        Set<String> edges = new TreeSet<>();
        for (NetworkPolicy policy : m.all(NetworkPolicy.class)) {
            var spec = policy.getSpec();
            List<String> types = spec.getPolicyTypes() == null ? List.of("Ingress") : spec.getPolicyTypes();
            if (!types.contains(ingress ? "Ingress" : "Egress")) {
                continue;
            }
            List<String> selected = select(m, spec.getPodSelector(), policy.getMetadata().getName());
            List<Rule> rules = new ArrayList<>();
            if (ingress && spec.getIngress() != null) {
                spec.getIngress().forEach(r -> rules.add(new Rule(r.getFrom(), r.getPorts())));
            } else if (!ingress && spec.getEgress() != null) {
                spec.getEgress().forEach(r -> rules.add(new Rule(r.getTo(), r.getPorts())));
            }
            for (Rule rule : rules) {
                List<String> peers = peers(m, rule.peers(), policy.getMetadata().getName());
                List<String> ports = ports(rule.ports());
                for (String pod : selected) {
                    for (String peer : peers) {
                        for (String port : ports) {
                            edges.add(ingress ? peer + " -> " + pod + ":" + port : pod + " -> " + peer + ":" + port);
                        }
                    }
                }
            }
        }
        assertThat(workloads).isNotEmpty();
        return edges;
    }

    record Rule(List<NetworkPolicyPeer> peers, List<NetworkPolicyPort> ports) {
    }

    private static List<String> select(Manifests m, LabelSelector selector, String policy) {
        List<String> names = m.workloads().entrySet().stream()
                .filter(e -> matches(selector, e.getValue().getMetadata().getLabels()))
                .map(Map.Entry::getKey).toList();
        assertThat(names).as("NetworkPolicy %s selects no pod", policy).isNotEmpty();
        return names;
    }

    private static List<String> peers(Manifests m, List<NetworkPolicyPeer> peers, String policy) {
        if (peers == null || peers.isEmpty()) {
            return List.of("*");
        }
        List<String> result = new ArrayList<>();
        for (NetworkPolicyPeer peer : peers) {
            if (peer.getIpBlock() != null) {
                result.add("cidr:" + peer.getIpBlock().getCidr()
                        + (peer.getIpBlock().getExcept() == null || peer.getIpBlock().getExcept().isEmpty() ? "" : " except " + peer.getIpBlock().getExcept()));
            } else if (peer.getNamespaceSelector() != null) {
                String ns = selectorText(peer.getNamespaceSelector());
                Map<String, String> nsLabels = peer.getNamespaceSelector().getMatchLabels();
                if (nsLabels != null && nsLabels.size() == 1 && nsLabels.containsKey("kubernetes.io/metadata.name")
                        && (peer.getNamespaceSelector().getMatchExpressions() == null
                                || peer.getNamespaceSelector().getMatchExpressions().isEmpty())) {
                    ns = nsLabels.get("kubernetes.io/metadata.name");
                }
                String pods = peer.getPodSelector() == null || isEmpty(peer.getPodSelector())
                        ? "" : "/" + selectorText(peer.getPodSelector());
                result.add("ns:" + ns + pods);
            } else {
                List<String> selected = select(m, peer.getPodSelector(), policy);
                if (isEmpty(peer.getPodSelector())) {
                    result.add("*namespace");
                } else {
                    result.addAll(selected);
                }
            }
        }
        return result;
    }

    private static List<String> ports(List<NetworkPolicyPort> ports) {
        if (ports == null || ports.isEmpty()) {
            return List.of("*");
        }
        return ports.stream().map(p -> {
            String port = p.getPort() == null ? "*" : p.getPort().getIntVal() != null
                    ? String.valueOf(p.getPort().getIntVal()) : p.getPort().getStrVal();
            String range = p.getEndPort() == null ? "" : "-" + p.getEndPort();
            return port + range + "/" + (p.getProtocol() == null ? "TCP" : p.getProtocol());
        }).toList();
    }

    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        if (selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty()) {
            throw new AssertionError("matchExpressions are not modelled by this test; use matchLabels");
        }
        return selector.getMatchLabels() == null
                || selector.getMatchLabels().entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    private static boolean isEmpty(LabelSelector selector) {
        return selector == null || ((selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty()));
    }

    private static String selectorText(LabelSelector selector) {
        if (selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty()) {
            throw new AssertionError("matchExpressions are not modelled by this test; use matchLabels");
        }
        return new TreeMap<>(selector.getMatchLabels() == null ? Map.<String, String>of() : selector.getMatchLabels())
                .entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }
}
