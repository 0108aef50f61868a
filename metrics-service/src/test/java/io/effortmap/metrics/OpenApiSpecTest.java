package io.effortmap.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.effortmap.metrics.testing.UpstreamStubResource;
import io.effortmap.testsupport.MongoResource;
import io.effortmap.testsupport.TestOidcResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The committed contract docs/openapi/metrics-service.json must equal what the service generates, so an API change
 * cannot slip in without a reviewed diff of that file. Regenerate with
 * {@code mvn -pl metrics-service verify -Dtest=OpenApiSpecTest -Dopenapi.update=true}.
 */
@QuarkusTest
@WithTestResource(MongoResource.class)
@WithTestResource(TestOidcResource.class)
@WithTestResource(UpstreamStubResource.class)
class OpenApiSpecTest {

    /** Health and the OpenAPI document are served on the management interface, not the API port. */
    @TestHTTPResource(value = "openapi", management = true)
    URL openApi;

    static final Path COMMITTED = Path.of("..", "docs", "openapi", "metrics-service.json");

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @Test
    void generatedSpecEqualsTheCommittedFile() throws Exception {
        String generated = given().queryParam("format", "json").get(openApi).then().statusCode(200)
                .extract().asString();
        String normalized = json.writeValueAsString(json.readValue(generated, Map.class)) + "\n";
        if (Boolean.getBoolean("openapi.update")) {
            Files.writeString(COMMITTED, normalized, StandardCharsets.UTF_8);
        }
        assertThat(COMMITTED).as("docs/openapi/metrics-service.json; regenerate with -Dopenapi.update=true").exists();
        assertThat(normalized).as("docs/openapi/metrics-service.json is out of date; regenerate with "
                + "-Dtest=OpenApiSpecTest -Dopenapi.update=true").isEqualTo(Files.readString(COMMITTED, StandardCharsets.UTF_8));
    }

    /**
     * Metrics, alerts and webhooks are for people of the workspace: every operation names cx-admin (writes are
     * cx-admin only), reads also cx-analyst, and none admits crm-partner or a service account.
     */
    @Test
    void everyOperationDeclaresItsRoles() throws Exception {
        JsonNode spec = json.readTree(Files.readString(COMMITTED, StandardCharsets.UTF_8));
        List<String> wrong = new ArrayList<>();
        spec.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            String security = op.getValue().path("security").toString();
            boolean read = op.getKey().equals("get");
            if (path.getKey().startsWith("/api/") && (!security.contains("cx-admin")
                    || read && !security.contains("cx-analyst")
                    || security.contains("crm-partner") || security.contains("effortmap-service"))) {
                wrong.add(op.getKey() + " " + path.getKey() + " " + security);
            }
        }));
        assertThat(wrong).isEmpty();
    }
}
