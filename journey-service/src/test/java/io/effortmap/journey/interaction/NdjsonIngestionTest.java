package io.effortmap.journey.interaction;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static io.effortmap.journey.support.TestData.bearer;
import static io.effortmap.journey.support.TestData.createJourney;
import static io.effortmap.journey.support.TestData.interaction;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.effortmap.journey.interaction.repository.InteractionRepository;
import io.effortmap.journey.support.TestData;
import io.effortmap.testsupport.MongoResource;
import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(MongoResource.class)
@WithTestResource(TestOidcResource.class)
class NdjsonIngestionTest {

    private static final String NDJSON = "application/x-ndjson";

    @Inject
    InteractionRepository repository;

    @Inject
    ObjectMapper objectMapper;

    String ws;
    String partner;
    String journeyId;
    String checkout;

    @BeforeEach
    void journey() {
        ws = TestData.workspace();
        partner = TestTokens.partner(ws);
        JsonPath journey = createJourney(ws, TestTokens.admin(ws));
        journeyId = journey.getString("id");
        checkout = journey.getString("stages[1].touchpoints[0].id");
    }

    private ExtractableResponse<Response> push(String body) {
        return given().header("Authorization", bearer(partner)).contentType(NDJSON).accept(NDJSON).body(body.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/interactions").then().extract();
    }

    private List<JsonNode> results(ExtractableResponse<Response> response) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : response.asString().split("\n")) {
            if (!line.isBlank()) {
                lines.add(objectMapper.readTree(line));
            }
        }
        return lines;
    }

    private String line(String externalId) throws Exception {
        return objectMapper.writeValueAsString(interaction(externalId, journeyId, checkout));
    }

    @Test
    void thousandsOfLinesAreIngestedInBatchesWithOneResultPerLineInOrder() throws Exception {
        int count = 3000;
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < count; i++) {
            body.append(line("bulk-" + i)).append('\n');
        }
        ExtractableResponse<Response> response = push(body.toString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).startsWith(NDJSON);
        List<JsonNode> results = results(response);
        assertThat(results).hasSize(count);
        for (int i = 0; i < count; i++) {
            assertThat(results.get(i).get("index").asInt()).isEqualTo(i);
            assertThat(results.get(i).get("externalId").asText()).isEqualTo("bulk-" + i);
            assertThat(results.get(i).get("status").asText()).isEqualTo("accepted");
        }
        assertThat(repository.mongoCollection().countDocuments(and(eq("workspace", ws), eq("source", "crm-" + ws)))
                .await().indefinitely()).isEqualTo(count);

        // Pushing the backfill again stores nothing new: every line answers duplicate with the stored id.
        List<JsonNode> again = results(push(body.toString()));
        assertThat(again).hasSize(count).allMatch(r -> r.get("status").asText().equals("duplicate"));
        assertThat(again.get(2999).get("id").asText()).isEqualTo(results.get(2999).get("id").asText());
    }

    @Test
    void badLinesAreRejectedOnTheirOwnWithTheirLineNumber() throws Exception {
        Map<String, Object> unknownTouchpoint = interaction("u-1", journeyId, "tp_notinjourney");
        String body = line("ok-1") + "\n"
                + "{not json\n"
                + "\n"
                + objectMapper.writeValueAsString(unknownTouchpoint) + "\r\n"
                + "[1, 2]\n"
                + "{\"externalId\": \"" + "x".repeat(70_000) + "\"}\n"
                + line("ok-1") + "\n"
                + line("ok-2"); // no final newline

        List<JsonNode> results = results(push(body));

        assertThat(results).extracting(r -> r.get("index").asInt()).containsExactly(0, 1, 3, 4, 5, 6, 7);
        assertThat(results).extracting(r -> r.get("status").asText())
                .containsExactly("accepted", "rejected", "rejected", "rejected", "rejected", "duplicate", "accepted");
        assertThat(results.get(1).get("errors").get(0).get("field").asText()).isEqualTo("item");
        assertThat(results.get(1).get("errors").get(0).get("message").asText()).isEqualTo("is not valid JSON");
        assertThat(results.get(2).get("errors").get(0).get("field").asText()).isEqualTo("touchpointId");
        assertThat(results.get(3).get("errors").get(0).get("message").asText()).isEqualTo("must be a JSON object");
        assertThat(results.get(4).get("errors").get(0).get("message").asText()).startsWith("is longer than");
        assertThat(results.get(5).get("id").asText()).isEqualTo(results.get(0).get("id").asText());
    }

    @Test
    void sameRolesAsTheJsonPushAndEmptyBodiesAnswerNothing() throws Exception {
        given().header("Authorization", bearer(TestTokens.analyst(ws))).contentType(NDJSON).body(line("r").getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/interactions").then().statusCode(403);
        given().contentType(NDJSON).body(line("r").getBytes(StandardCharsets.UTF_8)).when().post("/api/v1/interactions").then().statusCode(401);
        ExtractableResponse<Response> empty = push("\n\n");
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(results(empty)).isEmpty();
    }
}
