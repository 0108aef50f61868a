package io.effortmap.gateway.openapi.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenApiMergerTest {

    private final ObjectMapper json = new ObjectMapper();

    private JsonNode doc(String text) throws Exception {
        return json.readTree(text.replace('\'', '"'));
    }

    @Test
    void mergesPublicPathsKeepsSharedSchemasOnceAndRenamesClashes() throws Exception {
        Map<String, JsonNode> docs = new LinkedHashMap<>();
        docs.put("survey", doc("""
                {'paths': {
                   '/api/v1/surveys': {'get': {'tags': ['Surveys'], 'responses': {'200': {'content': {'application/json':
                        {'schema': {'$ref': '#/components/schemas/Page'}}}}}}},
                   '/api/v1/public/surveys/{token}': {'get': {'security': [{'jwt': []}]}},
                   '/internal/v1/feed/responses': {'get': {'tags': ['Feeds']}}},
                 'tags': [{'name': 'Surveys'}, {'name': 'Feeds'}],
                 'components': {'schemas': {
                   'Problem': {'type': 'object'},
                   'Page': {'type': 'object', 'properties': {'next': {'type': 'string'}}}}}}
                """));
        docs.put("journey", doc("""
                {'paths': {
                   '/api/v1/journeys': {'get': {'security': [{'jwt': ['cx-analyst', 'cx-admin']}], 'responses': {'200': {'content': {'application/json':
                        {'schema': {'$ref': '#/components/schemas/Page'}}}}}}},
                   '/q/health': {'get': {}}},
                 'components': {'schemas': {
                   'Problem': {'type': 'object'},
                   'Page': {'type': 'object', 'properties': {'items': {'type': 'array'}}}}}}
                """));

        JsonNode merged = new OpenApiMerger(json).merge(docs, java.util.Optional.of("http://kc/realms/effortmap"));

        assertThat(merged.path("paths").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("/api/v1/surveys", "/api/v1/public/surveys/{token}", "/api/v1/journeys");
        assertThat(merged.path("components").path("schemas").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("Problem", "Page", "JourneyPage");
        assertThat(merged.at("/paths/~1api~1v1~1journeys/get/responses/200/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/JourneyPage");
        assertThat(merged.at("/paths/~1api~1v1~1surveys/get/responses/200/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/Page");
        assertThat(merged.at("/paths/~1api~1v1~1public~1surveys~1{token}/get/security")).isEmpty();
        assertThat(merged.at("/paths/~1api~1v1~1journeys/get").has("security")).isFalse();
        assertThat(merged.at("/paths/~1api~1v1~1journeys/get/x-roles").toString()).isEqualTo("[\"cx-admin\",\"cx-analyst\"]");
        assertThat(merged.path("tags").findValuesAsText("name")).containsExactly("Surveys");
        assertThat(merged.at("/components/securitySchemes/keycloak/openIdConnectUrl").asText())
                .isEqualTo("http://kc/realms/effortmap/.well-known/openid-configuration");
    }

    @Test
    void everyOperationDocumentsTheGatewaysRateLimit() throws Exception {
        JsonNode merged = new OpenApiMerger(json).merge(Map.of("survey", doc("""
                {'paths': {
                   '/api/v1/surveys': {'get': {'responses': {'200': {}}}, 'post': {}},
                   '/api/v1/public/surveys/{token}': {'get': {'responses': {'404': {}}}}}}
                """)), java.util.Optional.empty());

        for (String pointer : new String[] {"/paths/~1api~1v1~1surveys/get", "/paths/~1api~1v1~1surveys/post",
                "/paths/~1api~1v1~1public~1surveys~1{token}/get"}) {
            assertThat(merged.at(pointer + "/responses/429/$ref").asText()).as(pointer)
                    .isEqualTo("#/components/responses/TooManyRequests");
        }
        assertThat(merged.at("/paths/~1api~1v1~1surveys/get/responses/200").isObject()).isTrue();
        JsonNode tooMany = merged.at("/components/responses/TooManyRequests");
        assertThat(tooMany.path("headers").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset");
        assertThat(tooMany.at("/headers/Retry-After/$ref").asText()).isEqualTo("#/components/headers/Retry-After");
        assertThat(merged.at("/components/headers/RateLimit-Reset/schema/type").asText()).isEqualTo("integer");
        assertThat(tooMany.at("/content/application~1problem+json/example/status").asInt()).isEqualTo(429);
    }
}
