package io.effortmap.journey.journey;

import static io.effortmap.journey.support.TestData.bearer;
import static io.effortmap.journey.support.TestData.createJourney;
import static io.effortmap.journey.support.TestData.journeyBody;
import static io.effortmap.journey.support.TestData.touchpoint;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.effortmap.journey.support.TestData;
import io.effortmap.testsupport.MongoResource;
import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(MongoResource.class)
@WithTestResource(TestOidcResource.class)
class JourneyResourceTest {

    private static final String ID = "^%s_[A-Za-z0-9_-]{12}$";

    private static ExtractableResponse<Response> post(String token, Object body) {
        return given().header("Authorization", bearer(token)).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/journeys").then().extract();
    }

    @Test
    void createAssignsIdsToJourneyStagesAndTouchpointsAndAnswersLocationAndEtag() {
        String ws = TestData.workspace();
        ExtractableResponse<Response> created = post(TestTokens.admin(ws), journeyBody("Online purchase"));

        assertThat(created.statusCode()).isEqualTo(201);
        JsonPath body = created.jsonPath();
        String id = body.getString("id");
        assertThat(id).matches(ID.formatted("jr"));
        assertThat(created.header("Location")).isEqualTo("/api/v1/journeys/" + id);
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        assertThat(body.getString("status")).isEqualTo("DRAFT");
        assertThat(body.getLong("version")).isEqualTo(1);
        assertThat(body.getString("name")).isEqualTo("Online purchase");
        assertThat(body.getString("owner")).isEqualTo("cx-team@example.com");
        assertThat(body.getList("stages.name")).containsExactly("Discover", "Buy");
        assertThat(body.getList("stages.id", String.class)).allMatch(s -> s.matches(ID.formatted("st")));
        List<String> touchpointIds = body.getList("stages.touchpoints.flatten().id", String.class);
        assertThat(touchpointIds).hasSize(4).doesNotHaveDuplicates().allMatch(s -> s.matches(ID.formatted("tp")));
        Map<String, Object> first = body.getMap("stages[0].touchpoints[0]");
        assertThat(first).containsEntry("name", "Landing page").containsEntry("channel", "web")
                .containsEntry("ownerTeam", "Digital").containsEntry("expectedEmotion", 1)
                .containsEntry("painPoints", List.of("Slow to load"));
        assertThat(body.getMap("stages[0].touchpoints[0].targets"))
                .isEqualTo(Map.of("CES", 5.5f, "CES_AGREEMENT", 5.5f, "CSATShare", 0.8f, "NPS", 30.0f));
        assertThat(body.getString("stages[0].touchpoints[0].opportunities[0].id")).matches(ID.formatted("op"));
        assertThat(body.getString("stages[0].touchpoints[0].opportunities[0].status")).isEqualTo("planned");
        assertThat(body.getString("stages[1].touchpoints[1].channel")).isEqualTo("phone");
    }

    @Test
    void getReturnsTheStoredJourneyWithItsVersionAsEtag() {
        String ws = TestData.workspace();
        JsonPath created = createJourney(ws, TestTokens.admin(ws));
        String id = created.getString("id");

        for (String token : List.of(TestTokens.admin(ws), TestTokens.analyst(ws), TestTokens.partner(ws))) {
            ExtractableResponse<Response> read = given().header("Authorization", bearer(token))
                    .when().get("/api/v1/journeys/{id}", id).then().statusCode(200).extract();
            assertThat(read.header("ETag")).isEqualTo("\"1\"");
            assertThat(read.jsonPath().getMap("")).isEqualTo(created.getMap(""));
        }
    }

    @Test
    void journeyWithoutStagesStartsFromTheTemplate() {
        String ws = TestData.workspace();
        JsonPath body = post(TestTokens.admin(ws), Map.of("name", "Template based")).jsonPath();

        assertThat(body.getList("stages.name"))
                .containsExactly("Awareness", "Consideration", "Purchase", "Post-Purchase", "Loyalty/Advocacy");
        assertThat(body.getList("stages.touchpoints.flatten()")).isEmpty();
        assertThat(body.getList("stages.id", String.class)).doesNotHaveDuplicates().allMatch(s -> s.matches(ID.formatted("st")));
    }

    @Test
    void journeyOfAnotherWorkspaceIsNotFound() {
        String ws = TestData.workspace();
        String id = createJourney(ws, TestTokens.admin(ws)).getString("id");

        given().header("Authorization", bearer(TestTokens.admin(TestData.workspace())))
                .when().get("/api/v1/journeys/{id}", id)
                .then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("title", equalTo("Not Found"))
                .body("instance", equalTo("/api/v1/journeys/" + id));
    }

    @Test
    void malformedOrInjectedIdsAreNotFoundRatherThanErrors() {
        String token = TestTokens.admin(TestData.workspace());
        for (String id : List.of("nope", "jr_", "jr_%7B%22%24gt%22%3A%22%22%7D", "%24where", "jr_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")) {
            given().header("Authorization", bearer(token)).urlEncodingEnabled(false)
                    .when().get("/api/v1/journeys/" + id)
                    .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
        }
    }

    @Test
    void requestWithoutTokenIsUnauthorizedProblem() {
        given().contentType(ContentType.JSON).body(journeyBody("x"))
                .when().post("/api/v1/journeys")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer").body("status", equalTo(401));
        given().when().get("/api/v1/journeys")
                .then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer not-a-jwt").when().get("/api/v1/journeys")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void crmPartnerAndAnalystCannotCreateJourneys() {
        String ws = TestData.workspace();
        for (String token : List.of(TestTokens.partner(ws), TestTokens.analyst(ws))) {
            assertThat(post(token, journeyBody("x")).statusCode()).isEqualTo(403);
        }
        given().header("Authorization", bearer(TestTokens.partner(ws))).contentType(ContentType.JSON)
                .body(journeyBody("x")).when().post("/api/v1/journeys")
                .then().statusCode(403).contentType("application/problem+json").body("title", equalTo("Forbidden"));
        given().header("Authorization", bearer(TestTokens.service())).when().get("/api/v1/journeys")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void tokenWithoutWorkspaceClaimIsForbidden() {
        given().header("Authorization", bearer(TestTokens.token(null, "effortmap-web", "cx-admin")))
                .when().get("/api/v1/journeys")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void validationErrorsNameNestedFields() {
        Map<String, Object> bad = touchpoint("", "web");
        bad.put("painPoints", List.of("fine", " "));
        bad.put("expectedEmotion", 3);
        bad.put("targets", Map.of("CES", 9, "NPS", -101));
        bad.put("opportunities", List.of(Map.of("text", "ok"), Map.of("text", "")));
        Map<String, Object> body = Map.of("name", "J", "stages", List.of(
                Map.of("name", "Fine", "touchpoints", List.of(touchpoint("ok", "web"), bad))));

        ExtractableResponse<Response> response = post(TestTokens.admin(TestData.workspace()), body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getList("errors.field")).containsExactlyInAnyOrder(
                "stages[0].touchpoints[1].name",
                "stages[0].touchpoints[1].painPoints[1]",
                "stages[0].touchpoints[1].expectedEmotion",
                "stages[0].touchpoints[1].targets.CES",
                "stages[0].touchpoints[1].targets.NPS",
                "stages[0].touchpoints[1].opportunities[1].text");
        assertThat(response.jsonPath().getString("detail")).isEqualTo("6 fields are invalid");
    }

    @Test
    void singleValidationErrorIsNamedInDetail() {
        given().header("Authorization", bearer(TestTokens.admin(TestData.workspace()))).contentType(ContentType.JSON)
                .body(Map.of("name", " ")).when().post("/api/v1/journeys")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("name")).body("detail", equalTo("name: must not be blank"));
    }

    @Test
    void sizeBoundsAreEnforced() {
        String token = TestTokens.admin(TestData.workspace());
        List<Map<String, Object>> stages = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            stages.add(Map.of("name", "Stage " + i));
        }
        assertThat(post(token, Map.of("name", "J", "stages", stages)).jsonPath().getList("errors.field"))
                .containsExactly("stages");
        assertThat(post(token, Map.of("name", "x".repeat(201))).jsonPath().getList("errors.field"))
                .containsExactly("name");
        assertThat(post(token, Map.of("name", "J", "description", "x".repeat(2001))).jsonPath().getList("errors.field"))
                .containsExactly("description");
        assertThat(post(token, Map.of("name", "J", "stages", List.of())).jsonPath().getList("errors.field"))
                .containsExactly("stages");

        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add(Map.of("name", "T" + i, "channel", "web"));
        }
        assertThat(post(token, Map.of("name", "J", "stages", List.of(Map.of("name", "S", "touchpoints", many))))
                .jsonPath().getList("errors.field")).containsExactly("stages[0].touchpoints");

        List<Map<String, Object>> full = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            full.add(Map.of("name", "S" + s, "touchpoints", many.subList(0, 100)));
        }
        ExtractableResponse<Response> tooMany = post(token, Map.of("name", "J", "stages", full));
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.jsonPath().getList("errors.field")).containsExactly("stages");
    }

    @Test
    void unknownPropertiesAreRejectedSoServerFieldsCannotBeAssigned() {
        String ws = TestData.workspace();
        for (String field : List.of("workspace", "id", "version", "status")) {
            Map<String, Object> body = new HashMap<>(journeyBody("J"));
            body.put(field, "other");
            ExtractableResponse<Response> response = post(TestTokens.admin(ws), body);
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.jsonPath().getList("errors.field")).containsExactly(field);
        }
        Map<String, Object> tp = touchpoint("T", "web");
        tp.put("id", "tp_chosenbyme00");
        given().header("Authorization", bearer(TestTokens.admin(ws))).contentType(ContentType.JSON)
                .body(Map.of("name", "J", "stages", List.of(Map.of("name", "S", "touchpoints", List.of(tp)))))
                .when().post("/api/v1/journeys")
                .then().statusCode(400).body("errors.field", contains("stages[0].touchpoints[0].id"));
        // Nothing was stored by the rejected requests.
        given().header("Authorization", bearer(TestTokens.admin(ws))).when().get("/api/v1/journeys")
                .then().statusCode(200).body("items", empty());
    }

    @Test
    void wrongTypesAndFormatsAreBadRequestsNamingTheField() {
        String token = TestTokens.admin(TestData.workspace());
        Map<String, Object> tp = touchpoint("T", "fax");
        assertThat(post(token, Map.of("name", "J", "stages", List.of(Map.of("name", "S", "touchpoints", List.of(tp)))))
                .jsonPath().getList("errors.field")).containsExactly("stages[0].touchpoints[0].channel");
        Map<String, Object> fractional = touchpoint("T", "web");
        fractional.put("expectedEmotion", 1.5);
        assertThat(post(token, Map.of("name", "J", "stages", List.of(Map.of("name", "S", "touchpoints", List.of(fractional)))))
                .jsonPath().getList("errors.field")).containsExactly("stages[0].touchpoints[0].expectedEmotion");
        Map<String, Object> unknownTarget = touchpoint("T", "web");
        unknownTarget.put("targets", Map.of("FCR", 1));
        assertThat(post(token, Map.of("name", "J", "stages", List.of(Map.of("name", "S", "touchpoints", List.of(unknownTarget)))))
                .jsonPath().getList("errors.field")).containsExactly("stages[0].touchpoints[0].targets.FCR");
        // Unparseable JSON: Quarkus wraps the parse error in a WebApplicationException(400), which common's generic
        // mapper answers without naming a field (see README, "changes proposed for common").
        given().header("Authorization", bearer(token)).contentType(ContentType.JSON).body("{\"name\": ")
                .when().post("/api/v1/journeys")
                .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
        given().header("Authorization", bearer(token)).contentType(ContentType.JSON).body("[]")
                .when().post("/api/v1/journeys")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", contains("body"));
        given().header("Authorization", bearer(token)).contentType(ContentType.JSON)
                .when().post("/api/v1/journeys")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", contains("body"));
    }

    @Test
    void operatorLookingInputIsStoredAsPlainTextOrRejected() {
        String ws = TestData.workspace();
        String token = TestTokens.admin(ws);
        JsonPath created = post(token, Map.of("name", "{\"$gt\":\"\"}", "owner", "$where")).jsonPath();
        assertThat(created.getString("name")).isEqualTo("{\"$gt\":\"\"}");
        given().header("Authorization", bearer(token)).when().get("/api/v1/journeys/{id}", created.getString("id"))
                .then().statusCode(200).body("owner", equalTo("$where"));

        given().header("Authorization", bearer(token)).contentType(ContentType.JSON)
                .body(Map.of("name", Map.of("$gt", ""))).when().post("/api/v1/journeys")
                .then().statusCode(400).body("errors.field", contains("name"));
        given().header("Authorization", bearer(token)).queryParam("after", "{\"$gt\":\"\"}")
                .when().get("/api/v1/journeys")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", contains("after"));
    }

    @Test
    void listIsKeysetPaginatedAndScopedToTheWorkspace() {
        String ws = TestData.workspace();
        String token = TestTokens.admin(ws);
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            created.add(post(token, Map.of("name", "J" + i)).jsonPath().getString("id"));
        }
        createJourney(TestData.workspace(), TestTokens.admin("other-" + ws)); // noise elsewhere

        List<String> seen = new ArrayList<>();
        String after = null;
        List<Integer> pageSizes = new ArrayList<>();
        do {
            var request = given().header("Authorization", bearer(TestTokens.analyst(ws))).queryParam("limit", 2);
            if (after != null) {
                request.queryParam("after", after);
            }
            JsonPath page = request.when().get("/api/v1/journeys").then().statusCode(200).extract().jsonPath();
            List<String> ids = page.getList("items.id", String.class);
            pageSizes.add(ids.size());
            seen.addAll(ids);
            after = page.getString("next");
        } while (after != null);

        assertThat(pageSizes).containsExactly(2, 2, 1);
        assertThat(seen).doesNotHaveDuplicates().isSorted();
        assertThat(new HashSet<>(seen)).isEqualTo(created);

        given().header("Authorization", bearer(token)).when().get("/api/v1/journeys")
                .then().statusCode(200)
                .body("items", hasSize(5)).body("next", nullValue())
                .body("items[0].stageCount", equalTo(5)).body("items[0].touchpointCount", equalTo(0))
                .body("items[0].status", equalTo("DRAFT")).body("items[0].version", equalTo(1))
                .body("items[0].createdAt", notNullValue());
    }

    @Test
    void listLimitOutsideOneToHundredIsBadRequest() {
        String token = TestTokens.admin(TestData.workspace());
        for (String limit : List.of("101", "0", "-1", "abc", "1e3")) {
            given().header("Authorization", bearer(token)).queryParam("limit", limit)
                    .when().get("/api/v1/journeys")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", contains("limit"));
        }
        given().header("Authorization", bearer(token)).queryParam("limit", 100)
                .when().get("/api/v1/journeys").then().statusCode(200);
    }

    @Test
    void touchpointLookupAnswersTheContractShape() {
        String ws = TestData.workspace();
        JsonPath journey = createJourney(ws, TestTokens.admin(ws));
        String journeyId = journey.getString("id");
        String touchpointId = journey.getString("stages[1].touchpoints[0].id");

        JsonPath tp = given().header("Authorization", bearer(TestTokens.partner(ws)))
                .when().get("/api/v1/journeys/{j}/touchpoints/{t}", journeyId, touchpointId)
                .then().statusCode(200).extract().jsonPath();

        assertThat(tp.getMap("").keySet()).containsExactlyInAnyOrder(
                "journeyId", "touchpointId", "name", "channel", "stageId", "stageName", "targets");
        assertThat(tp.getString("journeyId")).isEqualTo(journeyId);
        assertThat(tp.getString("touchpointId")).isEqualTo(touchpointId);
        assertThat(tp.getString("name")).isEqualTo("Checkout");
        assertThat(tp.getString("channel")).isEqualTo("web");
        assertThat(tp.getString("stageId")).isEqualTo(journey.getString("stages[1].id"));
        assertThat(tp.getString("stageName")).isEqualTo("Buy");
        assertThat(tp.getMap("targets")).isEqualTo(Map.of("CES", 5.5f, "CES_AGREEMENT", 5.5f, "CSATShare", 0.8f, "NPS", 30.0f));
    }

    @Test
    void touchpointWithoutTargetsAnswersEmptyTargets() {
        String ws = TestData.workspace();
        JsonPath journey = post(TestTokens.admin(ws), Map.of("name", "J", "stages", List.of(
                Map.of("name", "S", "touchpoints", List.of(Map.of("name", "Bare", "channel", "chat")))))).jsonPath();
        given().header("Authorization", bearer(TestTokens.analyst(ws)))
                .when().get("/api/v1/journeys/{j}/touchpoints/{t}", journey.getString("id"),
                        journey.getString("stages[0].touchpoints[0].id"))
                .then().statusCode(200).body("targets", equalTo(Map.of())).body("channel", equalTo("chat"));
    }

    @Test
    void touchpointLookupIsNotFoundForUnknownTouchpointOrOtherWorkspace() {
        String ws = TestData.workspace();
        JsonPath journey = createJourney(ws, TestTokens.admin(ws));
        String journeyId = journey.getString("id");
        String touchpointId = journey.getString("stages[0].touchpoints[0].id");

        given().header("Authorization", bearer(TestTokens.admin(ws)))
                .when().get("/api/v1/journeys/{j}/touchpoints/{t}", journeyId, "tp_unknown0000")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("tp_unknown0000"));
        given().header("Authorization", bearer(TestTokens.admin(TestData.workspace())))
                .when().get("/api/v1/journeys/{j}/touchpoints/{t}", journeyId, touchpointId)
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", bearer(TestTokens.service()))
                .when().get("/api/v1/journeys/{j}/touchpoints/{t}", journeyId, touchpointId)
                .then().statusCode(403);
    }

    @Test
    void createResponseIdsAreStableAcrossReads() {
        String ws = TestData.workspace();
        JsonPath created = createJourney(ws, TestTokens.admin(ws));
        given().header("Authorization", bearer(TestTokens.admin(ws)))
                .when().get("/api/v1/journeys/{id}", created.getString("id"))
                .then().statusCode(200)
                .body("stages.touchpoints.flatten().id", equalTo(created.getList("stages.touchpoints.flatten().id")))
                .body("stages.id", hasItem(matchesPattern(ID.formatted("st"))));
    }
}
