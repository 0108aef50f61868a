package io.effortmap.survey;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.effortmap.survey.testing.JourneyStubResource;
import io.effortmap.testsupport.PostgresResource;
import io.effortmap.testsupport.TestOidcResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The committed {@code docs/openapi/survey-service.json} is the contract other teams read; this test fails when the
 * generated document drifts from it. After an intended API change, regenerate it with
 * {@code mvn -B -pl survey-service verify -Dtest=OpenApiSpecTest -Dopenapi.update=true} and commit the file.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(TestOidcResource.class)
@WithTestResource(JourneyStubResource.class)
class OpenApiSpecTest {

    /** Health and the OpenAPI document are served on the management interface, not the API port. */
    @TestHTTPResource(value = "openapi", management = true)
    URL openApi;

    /** Relative to the module directory, where Maven runs the tests. */
    private static final Path COMMITTED = Path.of("..", "docs", "openapi", "survey-service.json");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @Test
    void committedSpecIsTheGeneratedOne() throws IOException {
        String generated = normalise(given().queryParam("format", "json").get(openApi)
                .then().statusCode(200).extract().asString());
        if (Boolean.getBoolean("openapi.update")) {
            Files.writeString(COMMITTED, generated);
        }
        assertThat(COMMITTED).as("Run with -Dopenapi.update=true to write %s", COMMITTED.toAbsolutePath().normalize())
                .exists();
        assertThat(normalise(Files.readString(COMMITTED)))
                .as("The API changed: if intended, regenerate %s with -Dopenapi.update=true and commit it",
                        COMMITTED.toAbsolutePath().normalize())
                .isEqualTo(generated);
    }

    @Test
    void everyOperationHasAnExample() throws IOException {
        Map<?, ?> spec = JSON.readValue(given().queryParam("format", "json").get(openApi)
                .then().statusCode(200).extract().asString(), Map.class);
        Map<?, ?> paths = (Map<?, ?>) spec.get("paths");
        assertThat(paths).isNotEmpty();
        paths.forEach((path, item) -> ((Map<?, ?>) item).forEach((method, operation) -> {
            if (operation instanceof Map<?, ?> op && op.containsKey("responses")) {
                assertThat(JSON.valueToTree(op).findValues("examples"))
                        .as("%s %s has no example", method, path).isNotEmpty();
            }
        }));
    }

    /** Key order and whitespace are not part of the contract. */
    private static String normalise(String json) throws IOException {
        return JSON.writeValueAsString(JSON.readValue(json, Object.class)) + "\n";
    }
}
