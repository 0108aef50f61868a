package io.effortmap.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Each service's JVM image: fast-jar layout, pinned Temurin 21 JRE, non-root 185, the port the manifests use. */
class DockerfileTest {

    static final List<String> APPS = Manifests.APPS;

    @ParameterizedTest
    @FieldSource("APPS")
    void dockerfileMatchesTheDeployment(String app) throws IOException {
        Path file = Manifests.REPO.resolve(app).resolve("src/main/docker/Dockerfile.jvm");
        List<String> lines = Files.readAllLines(file).stream().map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();

        List<String> from = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
        assertThat(from).hasSize(1);
        assertThat(from.get(0)).matches("FROM eclipse-temurin:21\\.[0-9.]+_[0-9]+-jre(-[a-z]+)?");
        assertThat(lines).contains("USER 185", "EXPOSE 8080 9000", "MANAGEMENT_PORT=9000 \\");
        for (String dir : List.of("lib/", "app/", "quarkus/")) {
            assertThat(lines).anyMatch(l -> l.startsWith("COPY") && l.contains("target/quarkus-app/" + dir));
        }
        assertThat(lines).anyMatch(l -> l.startsWith("ENTRYPOINT") && l.contains("quarkus-run.jar"));
        assertThat(lines.get(lines.size() - 1)).startsWith("ENTRYPOINT");

        for (String overlay : Manifests.OVERLAYS) {
            Manifests m = Manifests.of(overlay);
            Deployment d = m.get(Deployment.class, app);
            Container c = Manifests.container(d.getSpec().getTemplate(), app);
            assertThat(c.getImage()).startsWith("ghcr.io/effortmap/" + app + ":");
            assertThat(c.getPorts()).anyMatch(p -> p.getContainerPort() == 8080);
            assertThat(c.getPorts()).anyMatch(p -> p.getContainerPort() == 9000 && "management".equals(p.getName()));
            assertThat(d.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser()).isEqualTo(185L);
        }
    }
}
