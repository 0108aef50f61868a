package io.effortmap.k8s;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The rendered overlays, parsed and validated once per test JVM. */
final class Manifests {

    static final Path K8S = Path.of(System.getProperty("effortmap.k8s.dir", ".")).toAbsolutePath().normalize();
    static final Path REPO = K8S.getParent();
    static final List<String> OVERLAYS = List.of("dev", "prod");
    static final String NAMESPACE = "effortmap";
    /** The Quarkus applications: module folder = Deployment = Service name. */
    static final List<String> APPS = List.of("gateway", "survey-service", "journey-service", "metrics-service", "console");
    /** The applications that validate tokens (the console only serves files; its users' browsers hold the tokens). */
    static final List<String> API_APPS = List.of("gateway", "survey-service", "journey-service", "metrics-service");

    /** Every kind the manifests may use, at the API version the cluster serves (Kubernetes 1.25+). */
    static final Map<String, Class<? extends HasMetadata>> SUPPORTED = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("apps/v1/StatefulSet", StatefulSet.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class));

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /**
     * Strict binding to the fabric8 model: unknown properties fail. fabric8 classes collect unknown fields in an
     * {@code @JsonAnySetter} map, so the any-setters are switched off for FAIL_ON_UNKNOWN_PROPERTIES to bite.
     */
    static final ObjectMapper STRICT = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
            .configure(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, true)
            .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated a) {
                    return Boolean.FALSE;
                }
            });

    private static final Map<String, Manifests> CACHE = new ConcurrentHashMap<>();
    private static volatile Renderer renderer;

    final String overlay;
    final String yaml;
    final List<JsonNode> documents;
    final List<HasMetadata> objects;

    private Manifests(String overlay, String yaml, List<JsonNode> documents, List<HasMetadata> objects) {
        this.overlay = overlay;
        this.yaml = yaml;
        this.documents = documents;
        this.objects = objects;
    }

    static Renderer renderer() {
        if (renderer == null) {
            renderer = Renderer.find();
        }
        return renderer;
    }

    static Manifests of(String overlay) {
        return CACHE.computeIfAbsent(overlay, Manifests::load);
    }

    private static Manifests load(String overlay) {
        String yaml = renderer().render(K8S.resolve("overlays").resolve(overlay));
        List<JsonNode> documents = parseDocuments(yaml);
        List<HasMetadata> objects = new ArrayList<>();
        for (JsonNode doc : documents) {
            objects.add(toTyped(doc));
        }
        return new Manifests(overlay, yaml, documents, objects);
    }

    static List<JsonNode> parseDocuments(String yaml) {
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = YAML.createParser(yaml)) {
            var it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode node = it.next();
                if (node != null && !node.isNull() && !node.isMissingNode()) {
                    docs.add(node);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    static String apiKind(JsonNode doc) {
        return doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
    }

    /** Binds one document to its fabric8 class; fails on unsupported API versions and unknown fields. */
    static HasMetadata toTyped(JsonNode doc) {
        String apiKind = apiKind(doc);
        Class<? extends HasMetadata> type = SUPPORTED.get(apiKind);
        if (type == null) {
            throw new AssertionError("Unsupported or removed API " + apiKind + " (" + doc.path("metadata").path("name")
                    + "); supported: " + SUPPORTED.keySet());
        }
        try {
            return STRICT.treeToValue(doc, type);
        } catch (IOException e) {
            throw new AssertionError(apiKind + " " + doc.path("metadata").path("name").asText() + " does not match the "
                    + "Kubernetes schema: " + e.getMessage(), e);
        }
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
        return find(type, name).orElseThrow(() -> new AssertionError(
                overlay + ": no " + type.getSimpleName() + " named " + name));
    }

    /** Deployments and StatefulSets by name, with their pod templates. */
    Map<String, PodTemplateSpec> workloads() {
        Map<String, PodTemplateSpec> result = new LinkedHashMap<>();
        all(Deployment.class).forEach(d -> result.put(d.getMetadata().getName(), d.getSpec().getTemplate()));
        all(StatefulSet.class).forEach(s -> result.put(s.getMetadata().getName(), s.getSpec().getTemplate()));
        return result;
    }

    /** A ConfigMap by the name a pod refers to (after kustomize's hash suffix). */
    ConfigMap configMap(String name) {
        return get(ConfigMap.class, name);
    }

    /** Every env var a container gets, with its literal value (null when it comes from a Secret). */
    Map<String, String> environment(Container container) {
        Map<String, String> env = new LinkedHashMap<>();
        if (container.getEnvFrom() != null) {
            container.getEnvFrom().forEach(source -> {
                if (source.getConfigMapRef() != null) {
                    String prefix = source.getPrefix() == null ? "" : source.getPrefix();
                    configMap(source.getConfigMapRef().getName()).getData().forEach((k, v) -> env.put(prefix + k, v));
                } else {
                    throw new AssertionError(overlay + ": container " + container.getName() + " takes a whole Secret "
                            + "with envFrom; name each secret variable with env/secretKeyRef so the tests can check it");
                }
            });
        }
        if (container.getEnv() != null) {
            container.getEnv().forEach(var -> env.put(var.getName(), var.getValueFrom() == null ? var.getValue() : null));
        }
        return env;
    }

    static Container container(PodTemplateSpec template, String name) {
        return template.getSpec().getContainers().stream().filter(c -> c.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no container " + name));
    }
}
