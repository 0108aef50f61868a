package io.effortmap.gateway.openapi.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Each rule of {@link BreakingChanges} on a mutated copy of a small released document. */
class BreakingChangesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One list and one create operation, a shared component, a nullable reference, an enum, a map. */
    private static final String RELEASED = """
            {
              "openapi": "3.1.0",
              "paths": {
                "/api/v1/surveys": {
                  "get": {
                    "parameters": [
                      {"in": "query", "name": "status", "schema": {"$ref": "#/components/schemas/Status"}},
                      {"in": "query", "name": "limit", "schema": {"type": "integer", "maximum": 100}}
                    ],
                    "responses": {
                      "200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Page"}}}},
                      "401": {"description": "Not Authorized"}
                    },
                    "security": [{"SecurityScheme": ["cx-admin", "cx-analyst"]}]
                  },
                  "post": {
                    "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SurveyRequest"}}}},
                    "responses": {
                      "201": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Survey"}}}},
                      "400": {"content": {"application/problem+json": {"schema": {"type": "object"}}}}
                    },
                    "security": [{"SecurityScheme": ["cx-admin"]}]
                  }
                },
                "/api/v1/surveys/{id}": {
                  "get": {
                    "parameters": [{"in": "path", "name": "id", "required": true, "schema": {"type": "string"}}],
                    "responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Survey"}}}}},
                    "security": [{"SecurityScheme": ["cx-admin", "cx-analyst"]}]
                  }
                }
              },
              "components": {
                "schemas": {
                  "Status": {"type": "string", "enum": ["DRAFT", "ACTIVE", "CLOSED"]},
                  "Page": {
                    "type": "object",
                    "required": ["items"],
                    "properties": {
                      "items": {"type": "array", "items": {"$ref": "#/components/schemas/Survey"}},
                      "next": {"type": ["string", "null"]}
                    }
                  },
                  "Survey": {
                    "type": "object",
                    "required": ["id", "name", "status"],
                    "properties": {
                      "id": {"type": "string", "format": "uuid"},
                      "name": {"type": "string"},
                      "status": {"$ref": "#/components/schemas/Status"},
                      "version": {"type": "integer", "format": "int32"},
                      "closedAt": {"anyOf": [{"$ref": "#/components/schemas/Instant"}, {"type": "null"}]},
                      "segments": {"type": "object", "additionalProperties": {"type": "string"}},
                      "previous": {"$ref": "#/components/schemas/Survey"}
                    }
                  },
                  "Instant": {"type": "string", "format": "date-time"},
                  "SurveyRequest": {
                    "type": "object",
                    "required": ["name"],
                    "properties": {
                      "name": {"type": "string", "maxLength": 200},
                      "touchpointId": {"type": "string"},
                      "kind": {"type": "string", "enum": ["CES", "CSAT"]}
                    }
                  }
                }
              }
            }
            """;

    @Test
    void identicalDocumentsAreCompatible() {
        assertThat(changes(doc -> { })).isEmpty();
    }

    @Test
    void committedContractIsCompatibleWithItself() throws IOException {
        JsonNode survey = JSON.readTree(Path.of("../docs/openapi/survey-service.json").toFile());
        assertThat(BreakingChanges.between(survey, survey)).isEmpty();
    }

    @Test
    void propertyRemovedFromARealContractsComponentIsFound() throws IOException {
        JsonNode survey = JSON.readTree(Path.of("../docs/openapi/survey-service.json").toFile());
        ObjectNode changed = survey.deepCopy();
        ((ObjectNode) changed.at("/components/schemas/SurveyView/properties")).remove("status");
        assertThat(BreakingChanges.between(survey, changed)).isNotEmpty()
                .allMatch(change -> change.endsWith(".status: property removed"));
    }

    @Test
    void additiveChangesAreAccepted() {
        assertThat(changes(doc -> {
            // a new path and a new operation
            ((ObjectNode) doc.at("/paths")).set("/api/v1/surveys/{id}/close", doc.at("/paths/~1api~1v1~1surveys~1{id}").deepCopy());
            ((ObjectNode) doc.at("/paths/~1api~1v1~1surveys~1{id}")).set("delete", JSON.createObjectNode()
                    .set("responses", JSON.createObjectNode().set("204", JSON.createObjectNode())));
            // a new optional query parameter, a looser limit, a wider request type, a new request enum value
            ((ArrayNode) doc.at("/paths/~1api~1v1~1surveys/get/parameters")).addObject()
                    .put("in", "query").put("name", "touchpointId").putObject("schema").put("type", "string");
            ((ObjectNode) doc.at("/paths/~1api~1v1~1surveys/get/parameters/1/schema")).put("maximum", 500);
            ((ObjectNode) doc.at("/components/schemas/SurveyRequest/properties/touchpointId")).putArray("type").add("string").add("null");
            ((ArrayNode) doc.at("/components/schemas/SurveyRequest/properties/kind/enum")).add("NPS");
            // a new optional request property, new response properties, a new response status, a new role
            ((ObjectNode) doc.at("/components/schemas/SurveyRequest/properties")).putObject("journeyId").put("type", "string");
            ((ObjectNode) doc.at("/components/schemas/Survey/properties")).putObject("activatedAt").put("type", "string");
            ((ObjectNode) doc.at("/paths/~1api~1v1~1surveys/post/responses")).putObject("200").putObject("content")
                    .putObject("application/json").putObject("schema").put("$ref", "#/components/schemas/Survey");
            ((ArrayNode) doc.at("/paths/~1api~1v1~1surveys/post/security/0/SecurityScheme")).add("crm-partner");
            // a response value narrowed (never null any more), a renamed path parameter
            ((ObjectNode) doc.at("/components/schemas/Page/properties/next")).put("type", "string");
            renamePathParameter(doc);
        })).isEmpty();
    }

    @Test
    void removedPathIsBreaking() {
        assertThat(changes(doc -> ((ObjectNode) doc.at("/paths")).remove("/api/v1/surveys/{id}")))
                .containsExactly("/api/v1/surveys/{id}: path removed");
    }

    @Test
    void removedOperationIsBreaking() {
        assertThat(changes(doc -> ((ObjectNode) doc.at("/paths/~1api~1v1~1surveys")).remove("post")))
                .containsExactly("POST /api/v1/surveys: operation removed");
    }

    /** Reported once, at the first operation whose response uses the component. */
    @Test
    void removedResponsePropertyIsBreaking() {
        assertThat(changes(doc -> ((ObjectNode) doc.at("/components/schemas/Survey/properties")).remove("version")))
                .singleElement().asString()
                .endsWith(".version: property removed");
    }

    @Test
    void renamedResponsePropertyIsBreaking() {
        assertThat(changes(doc -> {
            ObjectNode properties = (ObjectNode) doc.at("/components/schemas/Survey/properties");
            properties.set("title", properties.remove("name"));
            ArrayNode required = (ArrayNode) doc.at("/components/schemas/Survey/required");
            required.set(1, JSON.getNodeFactory().textNode("title"));
        })).singleElement().asString().contains(".name: property removed");
    }

    @Test
    void changedResponsePropertyTypeIsBreaking() {
        assertThat(changes(doc -> ((ObjectNode) doc.at("/components/schemas/Survey/properties/version")).put("type", "string")))
                .singleElement().asString().contains(".version: type integer changed to string");
    }

    @Test
    void responsePropertyBecomingNullableIsBreaking() {
        assertThat(changes(doc -> ((ObjectNode) doc.at("/components/schemas/Survey/properties/name"))
                .putArray("type").add("string").add("null")))
                .singleElement().asString().contains(".name: type string changed to string|null");
    }

    @Test
    void responsePropertyNoLongerAlwaysPresentIsBreaking() {
        assertThat(changes(doc -> ((ArrayNode) doc.at("/components/schemas/Survey/required")).remove(1)))
                .singleElement().asString().contains(".name: no longer always present");
    }

    @Test
    void removedEnumValueIsBreakingInResponsesAndRequests() {
        List<String> found = changes(doc -> ((ArrayNode) doc.at("/components/schemas/Status/enum")).remove(2));
        assertThat(found).anyMatch(c -> c.startsWith("GET /api/v1/surveys: query parameter status") && c.endsWith("enum value CLOSED removed"));
        assertThat(found).anyMatch(c -> c.contains("response 20") && c.endsWith(".status: enum value CLOSED removed"));
    }

    @Test
    void nullableReferenceChangingFormatIsBreaking() {
        assertThat(changes(doc -> ((ObjectNode) doc.at("/components/schemas/Instant")).put("format", "date")))
                .singleElement().asString().contains(".closedAt: format date-time changed to date");
    }

    @Test
    void newRequiredRequestPropertyIsBreaking() {
        assertThat(changes(doc -> {
            ((ObjectNode) doc.at("/components/schemas/SurveyRequest/properties")).putObject("journeyId").put("type", "string");
            ((ArrayNode) doc.at("/components/schemas/SurveyRequest/required")).add("journeyId");
        })).containsExactly("POST /api/v1/surveys: request body application/json .journeyId: new required property");
    }

    @Test
    void optionalRequestPropertyBecomingRequiredIsBreaking() {
        assertThat(changes(doc -> ((ArrayNode) doc.at("/components/schemas/SurveyRequest/required")).add("touchpointId")))
                .containsExactly("POST /api/v1/surveys: request body application/json .touchpointId: became required");
    }

    @Test
    void removedRequestPropertyIsBreakingBecauseBodiesRejectUnknownProperties() {
        assertThat(changes(doc -> ((ObjectNode) doc.at("/components/schemas/SurveyRequest/properties")).remove("touchpointId")))
                .containsExactly("POST /api/v1/surveys: request body application/json .touchpointId: property removed");
    }

    @Test
    void narrowerRequestTypeAndTighterConstraintsAreBreaking() {
        assertThat(changes(doc -> {
            ((ObjectNode) doc.at("/components/schemas/SurveyRequest/properties/name")).put("maxLength", 100).put("pattern", "^[A-Z]");
            ((ObjectNode) doc.at("/components/schemas/SurveyRequest/properties/touchpointId")).put("type", "integer");
            ((ArrayNode) doc.at("/components/schemas/SurveyRequest/properties/kind/enum")).remove(1);
        })).containsExactlyInAnyOrder(
                "POST /api/v1/surveys: request body application/json .name: maxLength lowered to 100",
                "POST /api/v1/surveys: request body application/json .name: pattern changed to ^[A-Z]",
                "POST /api/v1/surveys: request body application/json .touchpointId: accepted type string narrowed to integer",
                "POST /api/v1/surveys: request body application/json .kind: enum value CSAT removed");
    }

    @Test
    void newRequiredParameterAndParameterBecomingRequiredAreBreaking() {
        assertThat(changes(doc -> {
            ArrayNode parameters = (ArrayNode) doc.at("/paths/~1api~1v1~1surveys/get/parameters");
            parameters.addObject().put("in", "header").put("name", "X-Workspace").put("required", true)
                    .putObject("schema").put("type", "string");
            ((ObjectNode) parameters.get(1)).put("required", true);
        })).containsExactlyInAnyOrder(
                "GET /api/v1/surveys: query parameter limit became required",
                "GET /api/v1/surveys: new required header parameter X-Workspace");
    }

    @Test
    void removedSuccessResponseAndMediaTypeAreBreakingButRemovedErrorResponseIsNot() {
        assertThat(changes(doc -> {
            ((ObjectNode) doc.at("/paths/~1api~1v1~1surveys/post/responses")).remove(List.of("201", "400"));
            ((ObjectNode) doc.at("/paths/~1api~1v1~1surveys/get/responses/200/content")).remove("application/json");
        })).containsExactlyInAnyOrder(
                "POST /api/v1/surveys: response 201 removed",
                "GET /api/v1/surveys: response 200 application/json removed");
    }

    @Test
    void roleLosingAccessIsBreaking() {
        assertThat(changes(doc -> ((ArrayNode) doc.at("/paths/~1api~1v1~1surveys/get/security/0/SecurityScheme")).remove(1)))
                .containsExactly("GET /api/v1/surveys: role cx-analyst no longer allowed");
    }

    @Test
    void requestBodyBecomingRequiredIsBreaking() {
        assertThat(changes(doc -> ((ObjectNode) doc.at("/paths/~1api~1v1~1surveys~1{id}/get")).putObject("requestBody")
                .put("required", true).putObject("content").putObject("application/json").putObject("schema").put("type", "object")))
                .containsExactly("GET /api/v1/surveys/{id}: request body added as required");
    }

    /** {id} becomes {surveyId}: the same requests on the wire. */
    private static void renamePathParameter(ObjectNode doc) {
        ObjectNode paths = (ObjectNode) doc.get("paths");
        JsonNode item = paths.remove("/api/v1/surveys/{id}");
        ((ObjectNode) item.at("/get/parameters/0")).put("name", "surveyId");
        paths.set("/api/v1/surveys/{surveyId}", item);
    }

    /** The breaking changes from the released document to a copy changed by {@code mutation}. */
    private static List<String> changes(Consumer<ObjectNode> mutation) {
        try {
            JsonNode released = JSON.readTree(RELEASED);
            ObjectNode current = (ObjectNode) released.deepCopy();
            mutation.accept(current);
            return BreakingChanges.between(released, current);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
