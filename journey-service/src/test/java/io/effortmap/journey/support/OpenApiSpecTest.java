package io.effortmap.journey.support;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The committed contract docs/openapi/journey-service.json must equal what the service generates, so an API change
 * cannot slip in without a reviewed diff of that file.
 */
@QuarkusTest
@WithTestResource(MongoResource.class)
@WithTestResource(TestOidcResource.class)
class OpenApiSpecTest {

    /** Health and the OpenAPI document are served on the management interface, not the API port. */
    @TestHTTPResource(value = "openapi", management = true)
    URL openApi;

    static final Path COMMITTED = Path.of("..", "docs", "openapi", "journey-service.json");
    static final String UPDATE = "openapi.update";

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @Test
    void generatedSpecEqualsTheCommittedFile() throws Exception {
        String generated = given().queryParam("format", "json").when().get(openApi)
                .then().statusCode(200).extract().asString();
        String normalized = json.writeValueAsString(json.readValue(generated, Map.class)) + "\n";
        if (Boolean.getBoolean(UPDATE)) {
            Files.createDirectories(COMMITTED.getParent());
            Files.writeString(COMMITTED, normalized, StandardCharsets.UTF_8);
        }
        String regenerate = "docs/openapi/journey-service.json is out of date. Regenerate it with "
                + "`mvn -pl journey-service verify -Dtest=OpenApiSpecTest -D" + UPDATE + "=true` and commit the diff.";
        assertThat(Files.exists(COMMITTED)).as(regenerate).isTrue();
        String committed = Files.readString(COMMITTED, StandardCharsets.UTF_8);
        assertThat(normalized).as(regenerate + " Differences at: " + differences(committed, normalized)).isEqualTo(committed);
    }

    @Test
    void everyOperationHasASummaryAndExamples() throws Exception {
        JsonNode spec = json.readTree(Files.readString(COMMITTED, StandardCharsets.UTF_8));
        List<String> missing = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = spec.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!path.getKey().startsWith("/api/") && !path.getKey().startsWith("/internal/")) {
                    continue;
                }
                String name = op.getKey().toUpperCase() + " " + path.getKey();
                if (!op.getValue().hasNonNull("summary")) {
                    missing.add(name + ": summary");
                }
                if (!op.getValue().toString().contains("\"examples\"")) {
                    missing.add(name + ": examples");
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    /** The JSON pointers of the first few differing nodes, to make a failure readable. */
    private String differences(String committed, String generated) throws Exception {
        List<String> diffs = new ArrayList<>();
        compare("", json.readTree(committed), json.readTree(generated), diffs);
        return diffs.isEmpty() ? "(formatting only)" : String.join(", ", diffs);
    }

    private static void compare(String at, JsonNode a, JsonNode b, List<String> diffs) {
        if (diffs.size() >= 10 || a.equals(b)) {
            return;
        }
        if (a.isObject() && b.isObject()) {
            List<String> names = new ArrayList<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(n -> {
                if (!names.contains(n)) {
                    names.add(n);
                }
            });
            for (String n : names) {
                JsonNode x = a.get(n);
                JsonNode y = b.get(n);
                if (x == null || y == null) {
                    diffs.add(at + "/" + n + (x == null ? " (new)" : " (gone)"));
                } else {
                    compare(at + "/" + n, x, y, diffs);
                }
            }
        } else {
            diffs.add(at);
        }
    }
}
