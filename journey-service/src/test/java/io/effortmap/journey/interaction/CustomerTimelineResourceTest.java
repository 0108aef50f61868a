package io.effortmap.journey.interaction;

import static io.effortmap.journey.support.TestData.bearer;
import static io.effortmap.journey.support.TestData.createJourney;
import static io.effortmap.journey.support.TestData.interaction;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;

import io.effortmap.journey.support.TestData;
import io.effortmap.testsupport.MongoResource;
import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(MongoResource.class)
@WithTestResource(TestOidcResource.class)
class CustomerTimelineResourceTest {

    private static Map<String, Object> at(String externalId, String customer, String journeyId, String tp, String time) {
        Map<String, Object> item = interaction(externalId, journeyId, tp);
        item.put("customerId", customer);
        item.put("occurredAt", time);
        return item;
    }

    private static JsonPath timeline(String token, String customer, Integer limit, String after) {
        var request = given().header("Authorization", bearer(token));
        if (limit != null) {
            request.queryParam("limit", limit);
        }
        if (after != null) {
            request.queryParam("after", after);
        }
        return request.when().get("/api/v1/customers/{c}/timeline", customer).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void timelineListsACustomersInteractionsInTimeOrderWithNamesEvenOfRemovedTouchpoints() {
        String ws = TestData.workspace();
        String admin = TestTokens.admin(ws);
        JsonPath journey = createJourney(ws, admin);
        String id = journey.getString("id");
        String landing = journey.getString("stages[0].touchpoints[0].id");
        String welcome = journey.getString("stages[0].touchpoints[1].id");
        String checkout = journey.getString("stages[1].touchpoints[0].id");
        given().header("Authorization", bearer(TestTokens.partner(ws))).contentType(ContentType.JSON)
                .body(List.of(
                        at("t-3", "alice", id, checkout, "2025-06-03T10:00:00Z"),
                        at("t-1", "alice", id, landing, "2025-06-01T10:00:00Z"),
                        at("t-2", "alice", id, welcome, "2025-06-02T10:00:00Z"),
                        at("t-2b", "alice", id, welcome, "2025-06-02T10:00:00Z"),
                        at("b-1", "bob", id, checkout, "2025-06-01T09:00:00Z")))
                .when().post("/api/v1/interactions").then().statusCode(200);
        // Publish, then remove the welcome mail: its interactions keep their names from version 1.
        given().header("Authorization", bearer(admin)).header("If-Match", "\"1\"")
                .when().post("/api/v1/journeys/{id}/publish", id).then().statusCode(201);
        given().header("Authorization", bearer(admin)).header("If-Match", "\"2\"")
                .when().delete("/api/v1/journeys/{id}/touchpoints/{tp}", id, welcome).then().statusCode(200);

        JsonPath all = timeline(TestTokens.analyst(ws), "alice", null, null);
        assertThat(all.getList("items.touchpointName"))
                .containsExactly("Landing page", "Welcome mail", "Welcome mail", "Checkout");
        assertThat(all.getList("items.stageName")).containsExactly("Discover", "Discover", "Discover", "Buy");
        assertThat(all.getList("items.touchpointRemoved")).containsExactly(false, true, true, false);
        assertThat(all.getList("items.journeyName")).containsOnly("Online purchase");
        assertThat(all.getList("items.occurredAt")).containsExactly("2025-06-01T10:00:00Z", "2025-06-02T10:00:00Z",
                "2025-06-02T10:00:00Z", "2025-06-03T10:00:00Z");
        assertThat(all.getString("items[0].outcome")).isEqualTo("resolved");
        assertThat(all.getMap("items[0].segments")).isEqualTo(Map.of("region", "EU", "plan", "gold"));
        assertThat(all.getString("next")).isNull();

        // Keyset pages of one: same items, same order, also across equal occurredAt.
        List<String> paged = new ArrayList<>();
        String after = null;
        do {
            JsonPath page = timeline(TestTokens.admin(ws), "alice", 1, after);
            paged.addAll(page.getList("items.id"));
            after = page.getString("next");
        } while (after != null);
        assertThat(paged).isEqualTo(all.getList("items.id"));

        assertThat(timeline(TestTokens.admin(ws), "bob", null, null).getList("items")).hasSize(1);
        assertThat(timeline(TestTokens.admin(TestData.workspace()), "alice", null, null).getList("items")).isEmpty();
    }

    @Test
    void timelineChecksItsParametersAndRoles() {
        String ws = TestData.workspace();
        given().header("Authorization", bearer(TestTokens.admin(ws))).queryParam("after", "yesterday")
                .when().get("/api/v1/customers/{c}/timeline", "alice")
                .then().statusCode(400).body("errors.field", contains("after"));
        given().header("Authorization", bearer(TestTokens.admin(ws))).queryParam("limit", 201)
                .when().get("/api/v1/customers/{c}/timeline", "alice")
                .then().statusCode(400).body("errors.field", contains("limit"));
        given().header("Authorization", bearer(TestTokens.partner(ws)))
                .when().get("/api/v1/customers/{c}/timeline", "alice").then().statusCode(403);
        given().when().get("/api/v1/customers/{c}/timeline", "alice").then().statusCode(401);
    }
}
