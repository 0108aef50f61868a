package io.effortmap.journey.support;

import static io.effortmap.journey.support.TestData.bearer;
import static io.effortmap.journey.support.TestData.createJourney;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.effortmap.testsupport.MongoResource;
import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The API boundary rules every service shares (common): ids of the wrong shape, text the stores cannot hold, keys
 * repeated in one JSON object and query parameters the operation does not take are answered with a 4xx problem that
 * names the field, never stored and never a 5xx.
 */
@QuarkusTest
@WithTestResource(MongoResource.class)
@WithTestResource(TestOidcResource.class)
class ApiBoundaryTest {

    String ws;
    String admin;

    @BeforeEach
    void workspace() {
        ws = TestData.workspace();
        admin = TestTokens.admin(ws);
    }

    private RequestSpecification as(String token) {
        return given().header("Authorization", bearer(token)).contentType(ContentType.JSON);
    }

    @Test
    void malformedPathIdsAnswer404NamingTheParameter() {
        String journey = createJourney(ws, admin).getString("id");
        as(admin).when().get("/api/v1/journeys/{id}", "jr_..").then().statusCode(404)
                .contentType("application/problem+json").body("errors[0].field", equalTo("journeyId"));
        as(admin).when().get("/api/v1/journeys/{id}/touchpoints/{tp}", journey, "tp_not/a-touchpoint").then().statusCode(404)
                .body("errors[0].field", equalTo("touchpointId"))
                .body("errors[0].message", containsString("must be a touchpoint id"));
        as(admin).when().get("/api/v1/journeys/{id}/touchpoints/{tp}", journey, "tp_AAAAAAAAAAAA").then().statusCode(404)
                .body("errors[0].field", equalTo("touchpointId"))
                .body("errors[0].message", equalTo("is not a touchpoint of this journey"));
        as(admin).when().get("/api/v1/personas/{id}", "pe_%2E%2E").then().statusCode(404)
                .body("errors[0].field", equalTo("id"));
        as(admin).header("If-Match", "\"1\"").body(Map.of("name", "x"))
                .when().patch("/api/v1/journeys/{id}/stages/{stage}", journey, "st_ ").then().statusCode(404)
                .body("errors[0].field", equalTo("stageId"));
    }

    @Test
    void malformedBodyIdsAnswer400NamingTheField() {
        as(admin).body(Map.of("name", "J", "personaIds", List.of("..")))
                .when().post("/api/v1/journeys").then().statusCode(400)
                .body("errors.field", contains("personaIds[0]"));
        JsonPath created = createJourney(ws, admin);
        String journey = created.getString("id");
        as(admin).header("If-Match", "\"1\"").body(Map.of("stageId", "st_../x", "index", 0))
                .when().post("/api/v1/journeys/{id}/touchpoints/{tp}/move", journey,
                        created.getString("stages[0].touchpoints[0].id"))
                .then().statusCode(400).body("errors.field", contains("stageId"));
        Map<String, Object> item = TestData.interaction("x-1", journey, "..");
        as(TestTokens.partner(ws)).body(List.of(item)).when().post("/api/v1/interactions").then().statusCode(200)
                .body("results[0].status", equalTo("rejected"))
                .body("results[0].errors.field", contains("touchpointId"));
    }

    @Test
    void textTheStoresCannotHoldIsRefusedNamingTheFieldInBodiesQueriesAndPaths() {
        as(admin).body("{\"name\": \"Busy\\u0000parent\"}").when().post("/api/v1/personas").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("name")).body("errors[0].message", containsString("U+0000"));
        as(admin).body("{\"name\": \"p\", \"goals\": [\"ok\", \"\\ud800\"]}").when().post("/api/v1/personas")
                .then().statusCode(400).body("errors[0].field", equalTo("goals[1]"));
        as(admin).body("{\"name\": \"p\", \"segments\": {\"region\": \"E\\u001bU\"}}").when().post("/api/v1/personas")
                .then().statusCode(400).body("errors[0].field", equalTo("segments[region]"));
        Map<String, Object> item = TestData.interaction("x-1", createJourney(ws, admin).getString("id"), "tp_AAAAAAAAAAAA");
        item.put("externalId", "x-\u0000");
        as(TestTokens.partner(ws)).body(List.of(item)).when().post("/api/v1/interactions").then().statusCode(200)
                .body("results[0].status", equalTo("rejected")).body("results[0].errors.field", contains("externalId"));
        as(admin).queryParam("after", "pe_\u0000").when().get("/api/v1/personas").then().statusCode(400)
                .body("errors[0].field", equalTo("after"));
        as(admin).urlEncodingEnabled(false).when().get("/api/v1/customers/c%C2%85/timeline").then().statusCode(400)
                .body("errors[0].field", equalTo("customerId"));
        // An encoded C0 control makes the whole path ambiguous: refused before any route is matched (CanonicalPath).
        as(admin).urlEncodingEnabled(false).when().get("/api/v1/customers/c%00/timeline").then().statusCode(400)
                .body("errors[0].field", equalTo("path"));
        as(admin).when().get("/api/v1/personas").then().statusCode(200).body("items", org.hamcrest.Matchers.empty());
    }

    @Test
    void aKeyRepeatedInOneObjectIsRefusedNamingIt() {
        as(admin).body("{\"name\": \"a\", \"name\": \"b\"}").when().post("/api/v1/personas").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("name")).body("errors[0].message", containsString("more than once"));
        as(admin).body("{\"name\": \"J\", \"stages\": [{\"name\": \"S\", \"touchpoints\": [{\"name\": \"T\", "
                        + "\"channel\": \"web\", \"channel\": \"email\"}]}]}")
                .when().post("/api/v1/journeys").then().statusCode(400)
                .body("errors[0].field", equalTo("stages[0].touchpoints[0].channel"));
        as(TestTokens.partner(ws)).body("[{\"externalId\": \"a\", \"externalId\": \"b\"}]")
                .when().post("/api/v1/interactions").then().statusCode(400)
                .body("errors[0].field", equalTo("[0].externalId"));
        // The array body is read as a tree; its documented item type still tells a map entry from a field.
        as(TestTokens.partner(ws)).body("[{\"externalId\": \"a\", \"segments\": {\"region\": \"EU\", \"region\": \"US\"}}]")
                .when().post("/api/v1/interactions").then().statusCode(400)
                .body("errors[0].field", equalTo("[0].segments[region]"));
        // NDJSON judges each line on its own, naming the field relative to the line, like the array's items.
        String line = "{\"externalId\": \"n-1\", \"segments\": {\"region\": \"EU\", \"region\": \"US\"}}\n"
                + "{\"externalId\": \"n-2\", \"externalId\": \"n-3\"}\n";
        given().header("Authorization", bearer(TestTokens.partner(ws))).contentType("application/x-ndjson")
                .accept("application/x-ndjson").body(line.getBytes(StandardCharsets.UTF_8)).when().post("/api/v1/interactions").then().statusCode(200)
                .body(containsString("{\"field\":\"segments[region]\",\"message\":\"appears more than once in its object\"}"))
                .body(containsString("{\"field\":\"externalId\",\"message\":\"appears more than once in its object\"}"));
        as(admin).when().get("/api/v1/personas").then().statusCode(200).body("items", org.hamcrest.Matchers.empty());
    }

    @Test
    void unknownQueryParametersAnswer400NamingThem() {
        as(admin).queryParam("limt", 5).when().get("/api/v1/personas").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("limt")).body("errors[0].message", containsString("after, limit"));
        String journey = createJourney(ws, admin).getString("id");
        as(admin).queryParam("verbose", "true").when().get("/api/v1/journeys/{id}", journey).then().statusCode(400)
                .body("errors[0].field", equalTo("verbose"));
        as(admin).queryParam("from", 1).queryParam("to", 1).queryParam("form", 1)
                .when().get("/api/v1/journeys/{id}/versions/diff", journey).then().statusCode(400)
                .body("errors.field", hasItem("form"));
        as(admin).queryParam("limit", 5).when().get("/api/v1/personas").then().statusCode(200);
    }

    @Test
    void aCesTargetNamesItsScoringMethodAndKeepsItsOlderName() {
        Map<String, Object> tp = new java.util.HashMap<>(TestData.touchpoint("T", "web"));
        tp.put("targets", Map.of("CES_EFFORT", 2.5, "CES", 4.0, "CES_AGREEMENT", 5.0));
        String id = as(admin).body(Map.of("name", "J", "stages", List.of(Map.of("name", "S", "touchpoints", List.of(tp)))))
                .when().post("/api/v1/journeys").then().statusCode(201)
                // The newer name wins over the older one; the older one echoes the agreement target for old readers.
                .body("stages[0].touchpoints[0].targets.CES_AGREEMENT", equalTo(5.0f))
                .body("stages[0].touchpoints[0].targets.CES", equalTo(5.0f))
                .body("stages[0].touchpoints[0].targets.CES_EFFORT", equalTo(2.5f))
                .extract().path("id");
        // An older client's CES is the agreement target.
        tp.put("targets", Map.of("CES", 6.0));
        as(admin).body(Map.of("name", "J", "stages", List.of(Map.of("name", "S", "touchpoints", List.of(tp)))))
                .when().post("/api/v1/journeys").then().statusCode(201)
                .body("stages[0].touchpoints[0].targets", equalTo(Map.of("CES", 6.0f, "CES_AGREEMENT", 6.0f)));
        // A mean on the 1–5 effort scale cannot exceed 5; on the agreement scale it may.
        tp.put("targets", Map.of("CES_EFFORT", 5.5, "CES_AGREEMENT", 6.5));
        as(admin).body(Map.of("name", "J", "stages", List.of(Map.of("name", "S", "touchpoints", List.of(tp)))))
                .when().post("/api/v1/journeys").then().statusCode(400)
                .body("errors.field", contains("stages[0].touchpoints[0].targets.CES_EFFORT"));
        as(admin).when().get("/api/v1/journeys/{id}", id).then().statusCode(200)
                .body("stages[0].touchpoints[0].targets.CES_EFFORT", equalTo(2.5f));
    }

    @Test
    void legacyPercentageTargetsReadAsShares() {
        JsonPath journey = createJourney(ws, admin);
        io.quarkus.mongodb.reactive.ReactiveMongoClient mongo = io.quarkus.arc.Arc.container()
                .instance(io.quarkus.mongodb.reactive.ReactiveMongoClient.class).get();
        mongo.getDatabase("effortmap_journey").getCollection("journeys").updateOne(
                com.mongodb.client.model.Filters.eq("_id", journey.getString("id")),
                com.mongodb.client.model.Updates.combine(
                        com.mongodb.client.model.Updates.unset("stages.0.touchpoints.0.targets.csatShare"),
                        com.mongodb.client.model.Updates.set("stages.0.touchpoints.0.targets.csat", 72.5)))
                .await().indefinitely();
        as(admin).when().get("/api/v1/journeys/{id}/touchpoints/{tp}", journey.getString("id"),
                journey.getString("stages[0].touchpoints[0].id")).then().statusCode(200)
                .body("targets.CSATShare", equalTo(0.725f));
        Map<String, Object> tp = new java.util.HashMap<>(TestData.touchpoint("T", "web"));
        tp.put("targets", Map.of("CSATShare", 80));
        as(admin).body(Map.of("name", "J", "stages", List.of(Map.of("name", "S", "touchpoints", List.of(tp)))))
                .when().post("/api/v1/journeys").then().statusCode(400)
                .body("errors.field", contains("stages[0].touchpoints[0].targets.CSATShare"));
    }
}
