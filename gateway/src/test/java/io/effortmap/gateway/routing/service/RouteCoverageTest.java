package io.effortmap.gateway.routing.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.effortmap.gateway.routing.rest.EchoUpstreamResource;
import io.effortmap.testsupport.TestOidcResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every public path a service publishes in its committed OpenAPI document is routed by the gateway to that service. */
@QuarkusTest
@WithTestResource(TestOidcResource.class)
@WithTestResource(EchoUpstreamResource.class)
class RouteCoverageTest {

    @Inject
    RouteTable routes;

    @Test
    void everyPublishedPathReachesItsOwningService() throws IOException {
        List<String> misrouted = new ArrayList<>();
        List<Path> documents;
        try (Stream<Path> files = Files.list(Path.of("../docs/openapi"))) {
            documents = files.filter(p -> p.toString().endsWith("-service.json")).toList();
        }
        assertThat(documents).isNotEmpty();
        for (Path document : documents) {
            String service = document.getFileName().toString().replace("-service.json", "");
            JsonNode paths = new ObjectMapper().readTree(document.toFile()).path("paths");
            paths.fieldNames().forEachRemaining(path -> {
                if (path.startsWith("/api/v1/")) {
                    String routed = routes.resolve(path).map(RouteTable.Target::service).orElse("nothing");
                    if (!routed.equals(service)) {
                        misrouted.add(path + " -> " + routed + " (owned by " + service + ")");
                    }
                }
            });
        }
        assertThat(misrouted).isEmpty();
    }
}
