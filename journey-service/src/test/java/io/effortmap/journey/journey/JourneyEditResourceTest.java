package io.effortmap.journey.journey;

import static io.effortmap.journey.support.TestData.bearer;
import static io.effortmap.journey.support.TestData.createJourney;
import static io.effortmap.journey.support.TestData.touchpoint;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.effortmap.journey.support.TestData;
import io.effortmap.testsupport.MongoResource;
import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(MongoResource.class)
@WithTestResource(TestOidcResource.class)
class JourneyEditResourceTest {

    @TestHTTPResource("/api/v1/journeys")
    URI journeysUri;

    String ws;
    String admin;
    JsonPath journey;
    String id;

    @BeforeEach
    void journey() {
        ws = TestData.workspace();
        admin = TestTokens.admin(ws);
        journey = createJourney(ws, admin);
        id = journey.getString("id");
    }

    private RequestSpecification as(String ifMatch) {
        RequestSpecification spec = given().header("Authorization", bearer(admin)).contentType(ContentType.JSON);
        return ifMatch == null ? spec : spec.header("If-Match", ifMatch);
    }

    /** The standard journey as a PUT body that keeps every id. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> replaceBodyKeepingIds() {
        Map<String, Object> body = new HashMap<>();
        body.put("name", journey.getString("name"));
        body.put("description", journey.getString("description"));
        body.put("owner", journey.getString("owner"));
        List<Map<String, Object>> stages = new ArrayList<>();
        for (Map<String, Object> stage : journey.<Map<String, Object>>getList("stages")) {
            List<Map<String, Object>> tps = new ArrayList<>();
            for (Map<String, Object> tp : (List<Map<String, Object>>) stage.get("touchpoints")) {
                Map<String, Object> t = new HashMap<>(touchpoint((String) tp.get("name"), (String) tp.get("channel")));
                t.put("id", tp.get("id"));
                tps.add(t);
            }
            stages.add(new HashMap<>(Map.of("id", stage.get("id"), "name", stage.get("name"), "touchpoints", tps)));
        }
        body.put("stages", stages);
        return body;
    }

    private String stageId(int stage) {
        return journey.getString("stages[" + stage + "].id");
    }

    private String touchpointId(int stage, int tp) {
        return journey.getString("stages[" + stage + "].touchpoints[" + tp + "].id");
    }

    @Test
    @SuppressWarnings("unchecked")
    void replaceKeepsSentIdsAssignsNewOnesAndIncrementsTheVersion() {
        Map<String, Object> body = replaceBodyKeepingIds();
        List<Map<String, Object>> stages = (List<Map<String, Object>>) body.get("stages");
        stages.get(0).put("name", "Explore");
        ((List<Map<String, Object>>) stages.get(1).get("touchpoints")).add(touchpoint("Order mail", "email"));
        ((List<Map<String, Object>>) stages.get(0).get("touchpoints")).remove(1);
        stages.add(new HashMap<>(Map.of("name", "Loyalty")));

        ExtractableResponse<Response> replaced = as("\"1\"").body(body).when().put("/api/v1/journeys/{id}", id)
                .then().extract();

        assertThat(replaced.statusCode()).isEqualTo(200);
        assertThat(replaced.header("ETag")).isEqualTo("\"2\"");
        JsonPath after = replaced.jsonPath();
        assertThat(after.getLong("version")).isEqualTo(2);
        assertThat(after.getList("stages.name")).containsExactly("Explore", "Buy", "Loyalty");
        assertThat(after.getString("stages[0].id")).isEqualTo(stageId(0));
        assertThat(after.getString("stages[1].id")).isEqualTo(stageId(1));
        assertThat(after.getString("stages[2].id")).startsWith("st_").isNotIn(stageId(0), stageId(1));
        assertThat(after.getList("stages[0].touchpoints.id")).containsExactly(touchpointId(0, 0));
        assertThat(after.getList("stages[1].touchpoints.id")).hasSize(3)
                .startsWith(touchpointId(1, 0), touchpointId(1, 1));
        assertThat(after.getString("stages[1].touchpoints[2].name")).isEqualTo("Order mail");
        assertThat(after.getString("createdAt")).isEqualTo(journey.getString("createdAt"));
        given().header("Authorization", bearer(admin)).when().get("/api/v1/journeys/{id}", id)
                .then().statusCode(200).header("ETag", "\"2\"");
    }

    @Test
    @SuppressWarnings("unchecked")
    void replaceWithUnknownOrRepeatedIdsIsUnprocessableAndChangesNothing() {
        Map<String, Object> body = replaceBodyKeepingIds();
        List<Map<String, Object>> stages = (List<Map<String, Object>>) body.get("stages");
        List<Map<String, Object>> buy = (List<Map<String, Object>>) stages.get(1).get("touchpoints");
        buy.get(0).put("id", "tp_notinjourney");
        buy.get(1).put("id", touchpointId(0, 0)); // also kept in stage 0
        stages.get(0).put("id", "st_fromelsewhere");

        ExtractableResponse<Response> rejected = as("\"1\"").body(body).when().put("/api/v1/journeys/{id}", id)
                .then().extract();

        assertThat(rejected.statusCode()).isEqualTo(422);
        assertThat(rejected.contentType()).startsWith("application/problem+json");
        assertThat(rejected.jsonPath().getList("errors.field")).containsExactly(
                "stages[0].id", "stages[1].touchpoints[0].id", "stages[1].touchpoints[1].id");
        assertThat(rejected.jsonPath().getString("errors[1].message")).startsWith("is not a touchpoint of this journey");
        assertThat(rejected.jsonPath().getString("errors[2].message")).isEqualTo("appears more than once");
        given().header("Authorization", bearer(admin)).when().get("/api/v1/journeys/{id}", id)
                .then().statusCode(200).header("ETag", "\"1\"");
    }

    @Test
    void writesWithoutIfMatchAreRefusedAndStaleOnesFailWithoutEffect() {
        ExtractableResponse<Response> missing = as(null).body(replaceBodyKeepingIds())
                .when().put("/api/v1/journeys/{id}", id).then().extract();
        assertThat(missing.statusCode()).isEqualTo(428);
        assertThat(missing.jsonPath().getString("title")).isEqualTo("Precondition Required");

        as("\"1\"").body(Map.of("name", "Evaluate")).when().patch("/api/v1/journeys/{id}/stages/{s}", id, stageId(0))
                .then().statusCode(200).header("ETag", "\"2\"");
        ExtractableResponse<Response> stale = as("\"1\"").body(Map.of("name", "Lost"))
                .when().patch("/api/v1/journeys/{id}/stages/{s}", id, stageId(1)).then().extract();
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(stale.jsonPath().getString("detail")).contains("changed since you read it");
        as(null).when().delete("/api/v1/journeys/{id}/touchpoints/{tp}", id, touchpointId(0, 0)).then().statusCode(428);

        JsonPath now = given().header("Authorization", bearer(admin)).when().get("/api/v1/journeys/{id}", id)
                .then().statusCode(200).extract().jsonPath();
        assertThat(now.getList("stages.name")).containsExactly("Evaluate", "Buy");
        assertThat(now.getLong("version")).isEqualTo(2);
    }

    @Test
    void stagesCanBeAddedRenamedMovedAndRemovedKeepingTheirIds() {
        ExtractableResponse<Response> added = as("\"1\"").body(Map.of("name", "Onboarding")).queryParam("index", 1)
                .when().post("/api/v1/journeys/{id}/stages", id).then().extract();
        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(added.header("ETag")).isEqualTo("\"2\"");
        String newStage = added.jsonPath().getString("stages[1].id");
        assertThat(added.header("Location")).isEqualTo("/api/v1/journeys/" + id + "/stages/" + newStage);
        assertThat(added.jsonPath().getList("stages.name")).containsExactly("Discover", "Onboarding", "Buy");

        as("\"2\"").body(Map.of("name", "Welcome")).when().patch("/api/v1/journeys/{id}/stages/{s}", id, newStage)
                .then().statusCode(200);
        JsonPath moved = as("\"3\"").body(Map.of("index", 2))
                .when().post("/api/v1/journeys/{id}/stages/{s}/move", id, newStage)
                .then().statusCode(200).header("ETag", "\"4\"").extract().jsonPath();
        assertThat(moved.getList("stages.name")).containsExactly("Discover", "Buy", "Welcome");
        assertThat(moved.getList("stages.id")).containsExactly(stageId(0), stageId(1), newStage);

        as("\"4\"").when().delete("/api/v1/journeys/{id}/stages/{s}", id, stageId(0))
                .then().statusCode(409).body("detail", org.hamcrest.Matchers.containsString("touchpoints"));
        as("\"4\"").body(Map.of("index", 3)).when().post("/api/v1/journeys/{id}/stages/{s}/move", id, newStage)
                .then().statusCode(422).body("errors[0].field", org.hamcrest.Matchers.equalTo("index"));
        as("\"4\"").body(Map.of("index", -1)).when().post("/api/v1/journeys/{id}/stages/{s}/move", id, newStage)
                .then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("index"));
        as("\"4\"").when().delete("/api/v1/journeys/{id}/stages/{s}", id, "st_unknownstage")
                .then().statusCode(404);
        JsonPath removed = as("\"4\"").when().delete("/api/v1/journeys/{id}/stages/{s}", id, newStage)
                .then().statusCode(200).header("ETag", "\"5\"").extract().jsonPath();
        assertThat(removed.getList("stages.id")).containsExactly(stageId(0), stageId(1));
        // A merge-patch client may rename too.
        given().header("Authorization", bearer(admin)).header("If-Match", "\"5\"")
                .contentType("application/merge-patch+json").body("{\"name\": \"Find\"}")
                .when().patch("/api/v1/journeys/{id}/stages/{s}", id, stageId(0))
                .then().statusCode(200).body("stages[0].name", org.hamcrest.Matchers.equalTo("Find"));
    }

    @Test
    void aMalformedInsertionIndexIsABadRequestWhateverTheIfMatchAndOneBeyondTheListIsUnprocessable() {
        as("\"1\"").body(Map.of("name", "Evaluate")).when().patch("/api/v1/journeys/{id}/stages/{s}", id, stageId(0))
                .then().statusCode(200).header("ETag", "\"2\"");
        // Stale If-Match "1": the request would fail on its index anyway, so the precondition is not evaluated.
        as("\"1\"").body(Map.of("name", "Onboarding")).queryParam("index", "1x")
                .when().post("/api/v1/journeys/{id}/stages", id)
                .then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("index"));
        as("\"1\"").body(touchpoint("Chat bot", "chat")).queryParam("index", "-1")
                .when().post("/api/v1/journeys/{id}/stages/{s}/touchpoints", id, stageId(1))
                .then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("index"));
        as("\"2\"").body(Map.of("name", "Onboarding")).queryParam("index", 3)
                .when().post("/api/v1/journeys/{id}/stages", id)
                .then().statusCode(422).body("errors[0].field", org.hamcrest.Matchers.equalTo("index"))
                .body("errors[0].message", org.hamcrest.Matchers.equalTo("must be from 0 to 2"));
        as("\"2\"").body(touchpoint("Chat bot", "chat")).queryParam("index", 3)
                .when().post("/api/v1/journeys/{id}/stages/{s}/touchpoints", id, stageId(1))
                .then().statusCode(422).body("errors[0].field", org.hamcrest.Matchers.equalTo("index"));
        given().header("Authorization", bearer(admin)).when().get("/api/v1/journeys/{id}", id)
                .then().statusCode(200).header("ETag", "\"2\"");
    }

    @Test
    void touchpointsCanBeAddedUpdatedMovedAcrossStagesAndRemoved() {
        ExtractableResponse<Response> added = as("\"1\"").body(touchpoint("Chat bot", "chat")).queryParam("index", 0)
                .when().post("/api/v1/journeys/{id}/stages/{s}/touchpoints", id, stageId(1)).then().extract();
        assertThat(added.statusCode()).isEqualTo(201);
        String chat = added.jsonPath().getString("stages[1].touchpoints[0].id");
        assertThat(added.header("Location")).isEqualTo("/api/v1/journeys/" + id + "/touchpoints/" + chat);

        Map<String, Object> update = new HashMap<>(touchpoint("Live chat", "chat"));
        update.put("opportunities", List.of(Map.of("id", added.jsonPath().getString("stages[1].touchpoints[0].opportunities[0].id"),
                "text", "Answer in 30 s", "status", "in_progress"), Map.of("text", "New idea")));
        JsonPath updated = as("\"2\"").body(update).when().put("/api/v1/journeys/{id}/touchpoints/{tp}", id, chat)
                .then().statusCode(200).header("ETag", "\"3\"").extract().jsonPath();
        assertThat(updated.getString("stages[1].touchpoints[0].id")).isEqualTo(chat);
        assertThat(updated.getString("stages[1].touchpoints[0].name")).isEqualTo("Live chat");
        assertThat(updated.getString("stages[1].touchpoints[0].opportunities[0].id"))
                .isEqualTo(added.jsonPath().getString("stages[1].touchpoints[0].opportunities[0].id"));
        assertThat(updated.getString("stages[1].touchpoints[0].opportunities[1].id")).startsWith("op_");

        JsonPath moved = as("\"3\"").body(Map.of("stageId", stageId(0), "index", 1))
                .when().post("/api/v1/journeys/{id}/touchpoints/{tp}/move", id, chat)
                .then().statusCode(200).extract().jsonPath();
        assertThat(moved.getList("stages[0].touchpoints.id")).containsExactly(touchpointId(0, 0), chat, touchpointId(0, 1));
        assertThat(moved.getList("stages[1].touchpoints.id")).containsExactly(touchpointId(1, 0), touchpointId(1, 1));
        given().header("Authorization", bearer(admin)).when().get("/api/v1/journeys/{id}/touchpoints/{tp}", id, chat)
                .then().statusCode(200).body("stageId", org.hamcrest.Matchers.equalTo(stageId(0)));

        as("\"4\"").body(Map.of("stageId", "st_unknownstage", "index", 0))
                .when().post("/api/v1/journeys/{id}/touchpoints/{tp}/move", id, chat)
                .then().statusCode(422).body("errors[0].field", org.hamcrest.Matchers.equalTo("stageId"));
        Map<String, Object> foreignOpportunity = new HashMap<>(touchpoint("X", "web"));
        foreignOpportunity.put("opportunities", List.of(Map.of("id", "op_notmine00000", "text", "t")));
        as("\"4\"").body(foreignOpportunity).when().put("/api/v1/journeys/{id}/touchpoints/{tp}", id, chat)
                .then().statusCode(422).body("errors[0].field", org.hamcrest.Matchers.equalTo("opportunities[0].id"));

        JsonPath removed = as("\"4\"").when().delete("/api/v1/journeys/{id}/touchpoints/{tp}", id, chat)
                .then().statusCode(200).header("ETag", "\"5\"").extract().jsonPath();
        assertThat(removed.getList("stages.touchpoints.flatten().id")).doesNotContain(chat).hasSize(4);
        as("\"5\"").when().delete("/api/v1/journeys/{id}/touchpoints/{tp}", id, chat).then().statusCode(404);
    }

    @Test
    void ofConcurrentWritersWithTheSameVersionExactlyOneWins() throws Exception {
        int writers = 8;
        HttpClient client = HttpClient.newHttpClient();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String body = "{\"name\": \"Writer " + i + "\"}";
                responses.add(pool.submit(() -> {
                    start.await();
                    return client.send(HttpRequest.newBuilder(URI.create(journeysUri + "/" + id + "/stages/" + stageId(0)))
                            .header("Authorization", bearer(admin)).header("Content-Type", "application/json")
                            .header("If-Match", "\"1\"")
                            .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            String winner = null;
            for (Future<HttpResponse<String>> f : responses) {
                HttpResponse<String> r = f.get();
                statuses.add(r.statusCode());
                if (r.statusCode() == 200) {
                    winner = new JsonPath(r.body()).getString("stages[0].name");
                }
            }
            assertThat(statuses).containsOnly(200, 412);
            assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(1);
            JsonPath stored = given().header("Authorization", bearer(admin)).when().get("/api/v1/journeys/{id}", id)
                    .then().statusCode(200).header("ETag", "\"2\"").extract().jsonPath();
            assertThat(stored.getString("stages[0].name")).isEqualTo(winner);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void analystsAndPartnersCannotEditAndOtherWorkspacesSeeNothing() {
        for (String token : List.of(TestTokens.analyst(ws), TestTokens.partner(ws))) {
            given().header("Authorization", bearer(token)).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                    .body(Map.of("name", "X")).when().patch("/api/v1/journeys/{id}/stages/{s}", id, stageId(0))
                    .then().statusCode(403);
        }
        given().header("Authorization", bearer(TestTokens.admin(TestData.workspace()))).header("If-Match", "\"1\"")
                .contentType(ContentType.JSON).body(replaceBodyKeepingIds())
                .when().put("/api/v1/journeys/{id}", id).then().statusCode(404);
    }

    @Test
    void archivedJourneysAreReadOnly() {
        as("\"1\"").when().post("/api/v1/journeys/{id}/archive", id)
                .then().statusCode(200).header("ETag", "\"2\"").body("status", org.hamcrest.Matchers.equalTo("ARCHIVED"));
        as("\"2\"").body(Map.of("name", "X")).when().patch("/api/v1/journeys/{id}/stages/{s}", id, stageId(0))
                .then().statusCode(409).body("detail", org.hamcrest.Matchers.containsString("archived"));
        as("\"2\"").when().post("/api/v1/journeys/{id}/publish", id).then().statusCode(409);
    }
}
