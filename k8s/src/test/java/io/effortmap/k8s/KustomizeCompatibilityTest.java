package io.effortmap.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the kustomizations inside what every renderer understands, from kustomize v2.0.3 (kubectl 1.20, Debian's
 * kubernetes-client, which CI may install) to v5: a field that only a newer kustomize knows would render here and
 * fail on another machine.
 */
class KustomizeCompatibilityTest {

    static final Set<String> TOP_LEVEL = Set.of("apiVersion", "kind", "namespace", "namePrefix", "commonLabels",
            "commonAnnotations", "resources", "bases", "patchesStrategicMerge", "patchesJson6902",
            "configMapGenerator", "generatorOptions", "images");
    static final Set<String> GENERATOR = Set.of("name", "behavior", "literals", "files");
    static final Set<String> IMAGE = Set.of("name", "newName", "newTag", "digest");

    @Test
    void kustomizationsUseOnlyPortableFields() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Manifests.K8S.resolve("base"))) {
            files = new ArrayList<>(walk.filter(p -> p.getFileName().toString().equals("kustomization.yaml")).toList());
        }
        try (Stream<Path> walk = Files.walk(Manifests.K8S.resolve("overlays"))) {
            files.addAll(walk.filter(p -> p.getFileName().toString().equals("kustomization.yaml")).toList());
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(3);
        for (Path file : files) {
            JsonNode k = Manifests.YAML.readTree(file.toFile());
            Path dir = file.getParent();
            k.fieldNames().forEachRemaining(f -> assertThat(TOP_LEVEL).as("%s: field %s", file, f).contains(f));
            assertThat(k.has("secretGenerator")).as("%s: no Secret values in the repo", file).isFalse();
            for (JsonNode r : k.path("resources")) {
                Path resource = dir.resolve(r.asText()).normalize();
                assertThat(resource).as("%s: resources lists files only (folders go in bases)", file).isRegularFile();
                assertThat(resource.startsWith(dir)).as("%s: %s outside the kustomization", file, r).isTrue();
            }
            for (JsonNode b : k.path("bases")) {
                assertThat(dir.resolve(b.asText()).resolve("kustomization.yaml")).isRegularFile();
            }
            for (JsonNode p : k.path("patchesStrategicMerge")) {
                assertThat(dir.resolve(p.asText())).isRegularFile();
            }
            for (JsonNode g : k.path("configMapGenerator")) {
                g.fieldNames().forEachRemaining(f -> assertThat(GENERATOR).as("%s: generator field %s", file, f).contains(f));
                for (JsonNode f : g.path("files")) {
                    Path source = dir.resolve(f.asText()).normalize();
                    assertThat(source).isRegularFile();
                    assertThat(source.startsWith(dir)).as("%s: %s outside the kustomization root", file, f).isTrue();
                }
            }
            for (JsonNode i : k.path("images")) {
                i.fieldNames().forEachRemaining(f -> assertThat(IMAGE).as("%s: images field %s", file, f).contains(f));
            }
        }
    }
}
