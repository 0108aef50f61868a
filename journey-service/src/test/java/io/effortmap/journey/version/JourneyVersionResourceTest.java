package io.effortmap.journey.version;

import static io.effortmap.journey.support.TestData.bearer;
import static io.effortmap.journey.support.TestData.createJourney;
import static io.effortmap.journey.support.TestData.touchpoint;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

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
class JourneyVersionResourceTest {

    @TestHTTPResource("/api/v1/journeys")
    URI journeysUri;

    String ws;
    String admin;
    String id;
    String discover;
    String buy;
    String landing;
    String welcome;
    String checkout;
    String support;

    @BeforeEach
    void journey() {
        ws = TestData.workspace();
        admin = TestTokens.admin(ws);
        JsonPath j = createJourney(ws, admin);
        id = j.getString("id");
        discover = j.getString("stages[0].id");
        buy = j.getString("stages[1].id");
        landing = j.getString("stages[0].touchpoints[0].id");
        welcome = j.getString("stages[0].touchpoints[1].id");
        checkout = j.getString("stages[1].touchpoints[0].id");
        support = j.getString("stages[1].touchpoints[1].id");
    }

    private RequestSpecification as(long version) {
        return given().header("Authorization", bearer(admin)).header("If-Match", "\"" + version + "\"")
                .contentType(ContentType.JSON);
    }

    private ExtractableResponse<Response> publish(long version) {
        return as(version).when().post("/api/v1/journeys/{id}/publish", id).then().extract();
    }

    private JsonPath diff(int from, int to) {
        return given().header("Authorization", bearer(TestTokens.analyst(ws))).queryParam("from", from).queryParam("to", to)
                .when().get("/api/v1/journeys/{id}/versions/diff", id).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void publishCreatesNumberedImmutableVersionsAndMarksTheJourneyPublished() {
        ExtractableResponse<Response> first = publish(1);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.header("Location")).isEqualTo("/api/v1/journeys/" + id + "/versions/1");
        assertThat(first.jsonPath().getInt("number")).isEqualTo(1);
        assertThat(first.jsonPath().getLong("journeyVersion")).isEqualTo(2);
        assertThat(first.jsonPath().getList("stages.name")).containsExactly("Discover", "Buy");
        given().header("Authorization", bearer(admin)).when().get("/api/v1/journeys/{id}", id).then().statusCode(200)
                .header("ETag", "\"2\"").body("status", equalTo("PUBLISHED")).body("publishedVersion", equalTo(1));

        as(2).body(Map.of("name", "Explore")).when().patch("/api/v1/journeys/{id}/stages/{s}", id, discover)
                .then().statusCode(200).body("status", equalTo("PUBLISHED"));
        assertThat(publish(2).statusCode()).isEqualTo(412);
        assertThat(publish(3).jsonPath().getInt("number")).isEqualTo(2);

        given().header("Authorization", bearer(TestTokens.analyst(ws))).when().get("/api/v1/journeys/{id}/versions/1", id)
                .then().statusCode(200).body("stages[0].name", equalTo("Discover")).body("journeyVersion", equalTo(2));
        JsonPath list = given().header("Authorization", bearer(TestTokens.analyst(ws)))
                .when().get("/api/v1/journeys/{id}/versions", id).then().statusCode(200).extract().jsonPath();
        assertThat(list.getList("items.number")).containsExactly(1, 2);
        assertThat(list.getList("items.touchpointCount")).containsExactly(4, 4);
        assertThat(list.getString("next")).isNull();
        JsonPath page = given().header("Authorization", bearer(admin)).queryParam("limit", 1)
                .when().get("/api/v1/journeys/{id}/versions", id).then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("items.number")).containsExactly(1);
        given().header("Authorization", bearer(admin)).queryParam("limit", 1).queryParam("after", page.getString("next"))
                .when().get("/api/v1/journeys/{id}/versions", id).then().statusCode(200).body("items.number", contains(2));
    }

    @Test
    void diffReportsContentChangesPerTouchpointAndOfTheJourney() {
        assertThat(publish(1).statusCode()).isEqualTo(201);
        JsonPath current = given().header("Authorization", bearer(admin)).when().get("/api/v1/journeys/{id}", id)
                .then().statusCode(200).extract().jsonPath();
        String opportunity = current.getString("stages[1].touchpoints[0].opportunities[0].id");
        Map<String, Object> edited = new java.util.HashMap<>(touchpoint("Checkout", "web"));
        edited.put("description", "Pay, confirm and track");
        edited.put("painPoints", List.of("Slow to load", "Forms forget input"));
        edited.put("expectedEmotion", -1);
        edited.put("targets", Map.of("CES", 6.0, "CSATShare", 0.85));
        edited.put("opportunities", List.of(
                Map.of("id", opportunity, "text", "Cache assets", "owner", "web-team", "status", "done"),
                Map.of("text", "Save form input", "status", "open")));
        as(2).body(edited).when().put("/api/v1/journeys/{id}/touchpoints/{tp}", id, checkout).then().statusCode(200);
        assertThat(publish(3).statusCode()).isEqualTo(201);

        JsonPath d = diff(1, 2);
        assertThat(d.getList("stages.changed")).isEmpty();
        assertThat(d.getList("touchpoints.changed.id")).containsExactly(checkout);
        assertThat(d.getString("touchpoints.changed[0].stageId")).isEqualTo(buy);
        List<Map<String, Object>> changes = d.getList("touchpoints.changed[0].changes");
        assertThat(changes).extracting(c -> c.get("field")).containsExactly("description", "expectedEmotion",
                "painPoints", "targets.CES_AGREEMENT", "targets.CSATShare", "targets.NPS", "opportunities." + opportunity,
                "opportunities." + d.getString("touchpoints.changed[0].changes[7].field").substring("opportunities.".length()));
        assertThat(changes.get(0)).containsEntry("from", "Checkout of the shop").containsEntry("to", "Pay, confirm and track");
        assertThat(changes.get(1)).containsEntry("from", 1).containsEntry("to", -1);
        assertThat(changes.get(2)).containsEntry("added", List.of("Forms forget input")).containsEntry("removed", List.of());
        assertThat(changes.get(4)).containsEntry("from", 0.8f).containsEntry("to", 0.85f);
        assertThat(changes.get(5)).containsEntry("from", 30.0f).containsEntry("to", null);
        assertThat(d.getString("touchpoints.changed[0].changes[6].from.status")).isEqualTo("planned");
        assertThat(d.getString("touchpoints.changed[0].changes[6].to.status")).isEqualTo("done");
        assertThat(d.getString("touchpoints.changed[0].changes[7].from")).isNull();
        assertThat(d.getString("touchpoints.changed[0].changes[7].to.text")).isEqualTo("Save form input");
        assertThat(d.getList("journey")).isEmpty();
        assertThat(diff(1, 1).getList("touchpoints.changed")).isEmpty();
    }

    @Test
    void publishNeedsIfMatchAndOnlyOneOfConcurrentPublishersWins() throws Exception {
        given().header("Authorization", bearer(admin)).when().post("/api/v1/journeys/{id}/publish", id)
                .then().statusCode(428);
        int publishers = 6;
        HttpClient client = HttpClient.newHttpClient();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(publishers);
        try {
            List<Future<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < publishers; i++) {
                responses.add(pool.submit(() -> {
                    start.await();
                    return client.send(HttpRequest.newBuilder(URI.create(journeysUri + "/" + id + "/publish"))
                            .header("Authorization", bearer(admin)).header("If-Match", "\"1\"")
                            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<HttpResponse<String>> f : responses) {
                statuses.add(f.get().statusCode());
            }
            assertThat(statuses).containsOnly(201, 412);
            assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        given().header("Authorization", bearer(admin)).when().get("/api/v1/journeys/{id}/versions", id)
                .then().statusCode(200).body("items.number", contains(1));
    }

    @Test
    void diffReportsAddedRemovedMovedAndRenamedByStableIdOverARealisticSequenceOfEdits() {
        String loyalty = as(1).body(Map.of("name", "Loyalty")).when().post("/api/v1/journeys/{id}/stages", id)
                .then().statusCode(201).extract().jsonPath().getString("stages[2].id");
        assertThat(publish(2).jsonPath().getInt("number")).isEqualTo(1); // journey now at 3
        // v1: Discover[Landing, Welcome], Buy[Checkout, Support], Loyalty[]
        as(3).body(Map.of("name", "Explore")).when().patch("/api/v1/journeys/{id}/stages/{s}", id, discover).then().statusCode(200);
        as(4).body(Map.of("stageId", loyalty, "index", 0)).when()
                .post("/api/v1/journeys/{id}/touchpoints/{tp}/move", id, support).then().statusCode(200);
        as(5).when().delete("/api/v1/journeys/{id}/touchpoints/{tp}", id, welcome).then().statusCode(200);
        as(6).body(touchpoint("Pay", "web")).when().put("/api/v1/journeys/{id}/touchpoints/{tp}", id, checkout).then().statusCode(200);
        String chat = as(7).body(touchpoint("Chat", "chat")).queryParam("index", 0)
                .when().post("/api/v1/journeys/{id}/stages/{s}/touchpoints", id, buy)
                .then().statusCode(201).extract().jsonPath().getString("stages[1].touchpoints[0].id");
        String invoice = as(8).body(touchpoint("Invoice", "email"))
                .when().post("/api/v1/journeys/{id}/stages/{s}/touchpoints", id, buy)
                .then().statusCode(201).extract().jsonPath().getString("stages[1].touchpoints[2].id");
        as(9).body(Map.of("index", 0)).when().post("/api/v1/journeys/{id}/stages/{s}/move", id, loyalty).then().statusCode(200);
        String advocacy = as(10).body(Map.of("name", "Advocacy")).when().post("/api/v1/journeys/{id}/stages", id)
                .then().statusCode(201).extract().jsonPath().getString("stages[3].id");
        assertThat(publish(11).jsonPath().getInt("number")).isEqualTo(2); // journey now at 12
        // v2: Loyalty[Support], Explore[Landing], Buy[Chat, Pay, Invoice], Advocacy[]

        JsonPath d = diff(1, 2);
        assertThat(d.getInt("from")).isEqualTo(1);
        assertThat(d.getInt("to")).isEqualTo(2);
        assertThat(d.getList("stages.added.id")).containsExactly(advocacy);
        assertThat(d.getInt("stages.added[0].toIndex")).isEqualTo(3);
        assertThat(d.getList("stages.removed")).isEmpty();
        assertThat(d.getList("stages.renamed")).containsExactly(Map.of("id", discover, "fromName", "Discover", "toName", "Explore"));
        assertThat(d.getList("stages.moved.id")).containsExactly(loyalty);
        assertThat(d.getInt("stages.moved[0].fromIndex")).isEqualTo(2);
        assertThat(d.getInt("stages.moved[0].toIndex")).isEqualTo(0);

        assertThat(d.getList("touchpoints.added.id")).containsExactlyInAnyOrder(chat, invoice);
        assertThat(d.getList("touchpoints.added.toStageId")).containsOnly(buy);
        assertThat(d.getList("touchpoints.removed.id")).containsExactly(welcome);
        assertThat(d.getString("touchpoints.removed[0].fromStageId")).isEqualTo(discover);
        assertThat(d.getList("touchpoints.renamed")).containsExactly(Map.of("id", checkout, "fromName", "Checkout", "toName", "Pay"));
        // Checkout's index changed (Chat was inserted before it) but its order among what stayed did not: not a move.
        assertThat(d.getList("touchpoints.moved.id")).containsExactly(support);
        assertThat(d.getString("touchpoints.moved[0].fromStageId")).isEqualTo(buy);
        assertThat(d.getString("touchpoints.moved[0].toStageId")).isEqualTo(loyalty);
        assertThat(d.getInt("touchpoints.moved[0].fromIndex")).isEqualTo(1);
        assertThat(d.getInt("touchpoints.moved[0].toIndex")).isEqualTo(0);

        // Reordering inside a stage: Invoice to the front of Buy.
        as(12).body(Map.of("index", 0)).when().post("/api/v1/journeys/{id}/touchpoints/{tp}/move", id, invoice).then().statusCode(200);
        assertThat(publish(13).jsonPath().getInt("number")).isEqualTo(3);
        JsonPath reorder = diff(2, 3);
        assertThat(reorder.getList("touchpoints.moved.id")).containsExactly(invoice);
        assertThat(reorder.getList("touchpoints.added")).isEmpty();
        assertThat(reorder.getList("touchpoints.removed")).isEmpty();
        assertThat(reorder.getList("touchpoints.renamed")).isEmpty();
        assertThat(reorder.getList("stages.moved")).isEmpty();
        // Comparing a version with itself shows nothing; comparing backwards inverts added and removed.
        assertThat(diff(2, 2).getList("touchpoints.moved")).isEmpty();
        JsonPath backwards = diff(2, 1);
        assertThat(backwards.getList("touchpoints.removed.id")).containsExactlyInAnyOrder(chat, invoice);
        assertThat(backwards.getList("touchpoints.added.id")).containsExactly(welcome);
    }

    @Test
    void removedTouchpointsStayResolvableThroughPublishedVersions() {
        publish(1);
        as(2).when().delete("/api/v1/journeys/{id}/touchpoints/{tp}", id, welcome).then().statusCode(200);
        as(3).body(Map.of("name", "Explore")).when().patch("/api/v1/journeys/{id}/stages/{s}", id, discover).then().statusCode(200);

        JsonPath removed = given().header("Authorization", bearer(TestTokens.partner(ws)))
                .when().get("/api/v1/journeys/{j}/touchpoints/{t}", id, welcome).then().statusCode(200).extract().jsonPath();
        assertThat(removed.getBoolean("removed")).isTrue();
        assertThat(removed.getString("name")).isEqualTo("Welcome mail");
        assertThat(removed.getString("stageId")).isEqualTo(discover);
        assertThat(removed.getString("stageName")).isEqualTo("Discover");
        JsonPath current = given().header("Authorization", bearer(TestTokens.partner(ws)))
                .when().get("/api/v1/journeys/{j}/touchpoints/{t}", id, landing).then().statusCode(200).extract().jsonPath();
        assertThat(current.getMap("")).doesNotContainKey("removed");
        assertThat(current.getString("stageName")).isEqualTo("Explore");

        // Removed before any publish: never in a version, so unknown.
        as(4).when().delete("/api/v1/journeys/{id}/touchpoints/{tp}", id, checkout).then().statusCode(200);
        given().header("Authorization", bearer(admin)).when().get("/api/v1/journeys/{j}/touchpoints/{t}", id, "tp_neverexisted")
                .then().statusCode(404);
        given().header("Authorization", bearer(TestTokens.admin(TestData.workspace())))
                .when().get("/api/v1/journeys/{j}/touchpoints/{t}", id, welcome).then().statusCode(404);
    }

    @Test
    void versionParametersAreCheckedAndRolesEnforced() {
        publish(1);
        given().header("Authorization", bearer(admin)).queryParam("from", "abc").queryParam("to", 1)
                .when().get("/api/v1/journeys/{id}/versions/diff", id)
                .then().statusCode(400).body("errors.field", contains("from"));
        given().header("Authorization", bearer(admin)).queryParam("from", 1)
                .when().get("/api/v1/journeys/{id}/versions/diff", id)
                .then().statusCode(400).body("errors.field", contains("to"));
        given().header("Authorization", bearer(admin)).queryParam("from", 1).queryParam("to", 9)
                .when().get("/api/v1/journeys/{id}/versions/diff", id).then().statusCode(404);
        given().header("Authorization", bearer(admin)).when().get("/api/v1/journeys/{id}/versions/0", id)
                .then().statusCode(400).body("errors.field", contains("number"));
        given().header("Authorization", bearer(admin)).when().get("/api/v1/journeys/{id}/versions/2", id).then().statusCode(404);
        given().header("Authorization", bearer(TestTokens.partner(ws))).when().get("/api/v1/journeys/{id}/versions", id)
                .then().statusCode(403);
        given().header("Authorization", bearer(TestTokens.analyst(ws))).header("If-Match", "\"2\"")
                .when().post("/api/v1/journeys/{id}/publish", id).then().statusCode(403);
        given().header("Authorization", bearer(TestTokens.admin(TestData.workspace())))
                .when().get("/api/v1/journeys/{id}/versions/1", id).then().statusCode(404);
    }
}
