package io.effortmap.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Every overlay renders, and every rendered object binds strictly to its Kubernetes schema. */
class RenderAndSchemaTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void overlayRendersToValidObjects(String overlay) {
        Manifests m = Manifests.of(overlay);
        assertThat(m.documents).as("%s rendered with %s", overlay, Manifests.renderer().describe()).isNotEmpty();
        assertThat(m.objects).hasSameSizeAs(m.documents);
        Set<String> ids = new HashSet<>();
        for (HasMetadata o : m.objects) {
            String id = o.getKind() + "/" + o.getMetadata().getName();
            assertThat(o.getMetadata().getName()).as("name of a %s", o.getKind()).isNotBlank()
                    .matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
            assertThat(ids.add(id)).as("%s: %s appears twice", overlay, id).isTrue();
            if (!(o instanceof Namespace)) {
                assertThat(o.getMetadata().getNamespace()).as("%s: namespace of %s", overlay, id)
                        .isEqualTo(Manifests.NAMESPACE);
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyOverlayHasTheWholePlatform(String overlay) {
        Manifests m = Manifests.of(overlay);
        List<String> expected = new ArrayList<>(Manifests.APPS);
        expected.add("keycloak");
        assertThat(m.workloads().keySet()).containsAll(expected);
        assertThat(m.get(Namespace.class, Manifests.NAMESPACE).getMetadata().getLabels())
                .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void quantitiesParse(String overlay) {
        for (JsonNode doc : Manifests.of(overlay).documents) {
            doc.findParents("requests").forEach(parent -> parent.path("requests").fields()
                    .forEachRemaining(e -> Quantity.getAmountInBytes(new Quantity(e.getValue().asText()))));
            doc.findParents("limits").forEach(parent -> parent.path("limits").fields()
                    .forEachRemaining(e -> Quantity.getAmountInBytes(new Quantity(e.getValue().asText()))));
        }
    }

    /** The validator itself: a misspelt field, a wrong type and a removed API version are all refused. */
    @Test
    void strictBindingRejectsWhatAClusterWouldReject() {
        JsonNode deployment = Manifests.of("dev").documents.stream()
                .filter(d -> d.path("kind").asText().equals("Deployment")).findFirst().orElseThrow();

        ObjectNode misspelt = deployment.deepCopy();
        ((ObjectNode) misspelt.at("/spec/template/spec/containers/0")).put("imagePullPolicyy", "Always");
        assertThatThrownBy(() -> Manifests.toTyped(misspelt)).hasMessageContaining("imagePullPolicyy");

        ObjectNode wrongType = deployment.deepCopy();
        ((ObjectNode) wrongType.at("/spec/template/spec")).put("terminationGracePeriodSeconds", "soon");
        assertThatThrownBy(() -> Manifests.toTyped(wrongType)).hasMessageContaining("does not match");

        ObjectNode topLevel = deployment.deepCopy();
        topLevel.put("specs", "x");
        assertThatThrownBy(() -> Manifests.toTyped(topLevel)).hasMessageContaining("specs");

        ObjectNode removedApi = deployment.deepCopy();
        removedApi.put("apiVersion", "extensions/v1beta1");
        assertThatThrownBy(() -> Manifests.toTyped(removedApi)).hasMessageContaining("Unsupported or removed API");
    }
}
