package io.effortmap.metrics.alert.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.effortmap.metrics.testing.UpstreamStubResource;
import io.effortmap.testsupport.MongoResource;
import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
@WithTestResource(MongoResource.class)
@WithTestResource(TestOidcResource.class)
@WithTestResource(UpstreamStubResource.class)
class AlertRuleResourceTest {

    private static final String PATH = "/api/v1/alerts/rules";
    private static final String VALID = """
            {"name": "Checkout effort", "metric": "CES", "scope": "touchpoint", "scopeId": "tp_rules_______",
             "journeyId": "jr_TestJourney01", "condition": "THRESHOLD", "operator": "BELOW", "threshold": 4.5}""";

    @Test
    void createAppliesDefaultsAndAnswersLocationAndETag() {
        create("ws-a", VALID)
                .statusCode(201)
                .header("Location", matchesPattern("/api/v1/alerts/rules/ar_[0-9a-z]{9}[A-Za-z0-9_-]{12}"))
                .header("ETag", "\"1\"")
                .body("name", equalTo("Checkout effort"))
                .body("metric", equalTo("CES"))
                .body("scoring", equalTo("CES_AGREEMENT"))
                .body("scope", equalTo("touchpoint"))
                .body("scopeId", equalTo("tp_rules_______"))
                .body("journeyId", equalTo("jr_TestJourney01"))
                .body("operator", equalTo("BELOW"))
                .body("threshold", equalTo(4.5f))
                .body("minN", equalTo(30))
                .body("windowDays", equalTo(7))
                .body("enabled", equalTo(true))
                .body("version", equalTo(1))
                .body("createdBy", equalTo("effortmap-web"));
    }

    @Test
    void workspaceScopeNamesTheCallersWorkspace() {
        create("ws-rules-1", """
                {"name": "NPS drop", "metric": "NPS", "scope": "workspace", "condition": "SIGNIFICANT_DROP",
                 "minN": 50, "windowDays": 14}""")
                .statusCode(201)
                .body("scopeId", equalTo("ws-rules-1"))
                .body("scoring", equalTo("NPS"))
                .body("operator", nullValue())
                .body("threshold", nullValue())
                .body("minN", equalTo(50))
                .body("windowDays", equalTo(14));
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "{\"metric\": \"CES\", \"scope\": \"workspace\", \"condition\": \"SIGNIFICANT_DROP\"}|400|name",
        "{\"name\": \"r\", \"metric\": \"EFFORT\", \"scope\": \"workspace\", \"condition\": \"SIGNIFICANT_DROP\"}|400|metric",
        "{\"name\": \"r\", \"metric\": \"CES\", \"scope\": \"stage\", \"scopeId\": \"s\", \"condition\": \"SIGNIFICANT_DROP\"}|400|scope",
        "{\"name\": \"r\", \"metric\": \"CES\", \"scope\": \"workspace\", \"condition\": \"SOMETIMES\"}|400|condition",
        "{\"name\": \"r\", \"metric\": \"CES\", \"scope\": \"workspace\", \"condition\": \"THRESHOLD\", \"threshold\": 4}|400|operator",
        "{\"name\": \"r\", \"metric\": \"CES\", \"scope\": \"workspace\", \"condition\": \"THRESHOLD\", \"operator\": \"BELOW\"}|400|threshold",
        "{\"name\": \"r\", \"metric\": \"CES\", \"scope\": \"workspace\", \"condition\": \"SIGNIFICANT_DROP\", \"threshold\": 4}|400|threshold",
        "{\"name\": \"r\", \"metric\": \"CES\", \"scope\": \"workspace\", \"condition\": \"THRESHOLD\", \"operator\": \"BELOW\", \"threshold\": 7.5}|422|threshold",
        "{\"name\": \"r\", \"metric\": \"CES\", \"scoring\": \"CES_EFFORT\", \"scope\": \"workspace\", \"condition\": \"THRESHOLD\", \"operator\": \"ABOVE\", \"threshold\": 6}|422|threshold",
        "{\"name\": \"r\", \"metric\": \"CSAT\", \"scope\": \"workspace\", \"condition\": \"THRESHOLD\", \"operator\": \"BELOW\", \"threshold\": 1.01}|422|threshold",
        "{\"name\": \"r\", \"metric\": \"NPS\", \"scope\": \"workspace\", \"condition\": \"THRESHOLD\", \"operator\": \"BELOW\", \"threshold\": -101}|422|threshold",
        "{\"name\": \"r\", \"metric\": \"CES\", \"scoring\": \"CSAT\", \"scope\": \"workspace\", \"condition\": \"SIGNIFICANT_DROP\"}|422|scoring",
        "{\"name\": \"r\", \"metric\": \"CES\", \"scope\": \"workspace\", \"scopeId\": \"ws-b\", \"condition\": \"SIGNIFICANT_DROP\"}|422|scopeId",
        "{\"name\": \"r\", \"metric\": \"CES\", \"scope\": \"survey\", \"condition\": \"SIGNIFICANT_DROP\"}|400|scopeId",
        "{\"name\": \"r\", \"metric\": \"CES\", \"scope\": \"touchpoint\", \"scopeId\": \"tp_1___________\", \"condition\": \"SIGNIFICANT_DROP\"}|400|journeyId",
        "{\"name\": \"r\", \"metric\": \"CES\", \"scope\": \"survey\", \"scopeId\": \"5a000000-0000-4000-8000-000000000001\", \"journeyId\": \"jr_TestJourney01\", \"condition\": \"SIGNIFICANT_DROP\"}|400|journeyId",
        "{\"name\": \"r\", \"metric\": \"CES\", \"scope\": \"touchpoint\", \"scopeId\": \"tp_nope________\", \"journeyId\": \"jr_TestJourney02\", \"condition\": \"SIGNIFICANT_DROP\"}|422|scopeId",
        "{\"name\": \"r\", \"metric\": \"CES\", \"scope\": \"journey\", \"scopeId\": \"jr_UnknownJourney\", \"condition\": \"SIGNIFICANT_DROP\"}|422|scopeId",
        "{\"name\": \"r\", \"metric\": \"CES\", \"scope\": \"survey\", \"scopeId\": \"00000000-0000-4000-8000-000000000000\", \"condition\": \"SIGNIFICANT_DROP\"}|422|scopeId",
        "{\"name\": \"r\", \"metric\": \"CES\", \"scope\": \"touchpoint\", \"scopeId\": \"..\", \"journeyId\": \"jr_TestJourney01\", \"condition\": \"SIGNIFICANT_DROP\"}|400|scopeId",
        "{\"name\": \"r\", \"metric\": \"CES\", \"scope\": \"touchpoint\", \"scopeId\": \"tp_1___________\", \"journeyId\": \"j1\", \"condition\": \"SIGNIFICANT_DROP\"}|400|journeyId",
        "{\"name\": \"r\", \"metric\": \"CES\", \"scope\": \"journey\", \"scopeId\": \".\", \"condition\": \"SIGNIFICANT_DROP\"}|400|scopeId",
        "{\"name\": \"r\", \"metric\": \"CES\", \"scope\": \"survey\", \"scopeId\": \"s1\", \"condition\": \"SIGNIFICANT_DROP\"}|400|scopeId",
        "{\"name\": \"r\", \"metric\": \"CES\", \"scope\": \"workspace\", \"condition\": \"SIGNIFICANT_DROP\", \"minN\": 1}|400|minN",
        "{\"name\": \"r\", \"metric\": \"CES\", \"scope\": \"workspace\", \"condition\": \"SIGNIFICANT_DROP\", \"windowDays\": 0}|400|windowDays",
        "{\"name\": \"r\", \"metric\": \"CES\", \"scope\": \"workspace\", \"condition\": \"SIGNIFICANT_DROP\", \"windowDays\": 1.5}|400|windowDays",
        "{\"name\": \"r\", \"metric\": \"CES\", \"scope\": \"workspace\", \"condition\": \"SIGNIFICANT_DROP\", \"workspace\": \"ws-b\"}|400|workspace",
    })
    void invalidRulesAreRejectedNamingTheField(String body, int status, String field) {
        create("ws-a", body)
                .statusCode(status)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo(field));
    }

    @Test
    void aTouchpointOfAnotherWorkspaceCannotBeWatched() {
        // journey-service answers 404 for ws-b's token, as for an unknown touchpoint
        create("ws-b", VALID).statusCode(422).body("errors[0].field", equalTo("scopeId"));
    }

    @Test
    void aSurveyOfAnotherWorkspaceCannotBeWatched() {
        String body = """
                {"name": "r", "metric": "CSAT", "scope": "survey", "scopeId": "5a000000-0000-4000-8000-000000000001",
                 "condition": "THRESHOLD", "operator": "BELOW", "threshold": 0.7}""";
        // survey-service answers 404 for ws-b's token: the survey is confirmed in the caller's workspace
        create("ws-b", body).statusCode(422).body("errors[0].field", equalTo("scopeId"))
                .body("errors[0].message", equalTo("no such survey in your workspace"));
        create("ws-a", body).statusCode(201);
    }

    @Test
    void analystsReadButDoNotWriteAndPartnersGetNothing() {
        String id = create("ws-a", VALID).statusCode(201).extract().path("id");

        given().auth().oauth2(TestTokens.analyst("ws-a")).contentType("application/json").body(VALID).post(PATH)
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.analyst("ws-a")).get(PATH + "/" + id).then().statusCode(200)
                .body("id", equalTo(id));
        given().auth().oauth2(TestTokens.analyst("ws-a")).header("If-Match", "\"1\"").delete(PATH + "/" + id)
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.partner("ws-a")).get(PATH).then().statusCode(403);
        given().auth().oauth2(TestTokens.partner("ws-a")).get(PATH + "/" + id).then().statusCode(403);
        given().get(PATH).then().statusCode(401).header("WWW-Authenticate", "Bearer");
    }

    @Test
    void anotherWorkspacesRuleIsNotFound() {
        String id = create("ws-a", VALID).statusCode(201).extract().path("id");

        given().auth().oauth2(TestTokens.admin("ws-b")).get(PATH + "/" + id).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.admin("ws-b")).contentType("application/json").header("If-Match", "\"1\"")
                .body(VALID).put(PATH + "/" + id).then().statusCode(404);
        given().auth().oauth2(TestTokens.admin("ws-b")).header("If-Match", "\"1\"").delete(PATH + "/" + id)
                .then().statusCode(404);
        given().auth().oauth2(TestTokens.admin("ws-a")).get(PATH + "/" + id).then().statusCode(200);
        given().auth().oauth2(TestTokens.admin("ws-a")).get(PATH + "/not-an-id").then().statusCode(404);
    }

    @Test
    void updatesAndDeletesNeedTheCurrentVersion() {
        String id = create("ws-a", VALID).statusCode(201).extract().path("id");
        String changed = VALID.replace("4.5", "5.25");

        put(id, null, changed).statusCode(428).contentType("application/problem+json");
        put(id, "\"2\"", changed).statusCode(412).contentType("application/problem+json");
        put(id, "soon", changed).statusCode(400).body("errors[0].field", equalTo("If-Match"));
        put(id, "\"1\"", changed.replace("5.25", "8")).statusCode(422).body("errors[0].field", equalTo("threshold"));
        put(id, "\"1\"", changed).statusCode(200).header("ETag", "\"2\"")
                .body("threshold", equalTo(5.25f)).body("version", equalTo(2));
        put(id, "\"1\"", changed).statusCode(412);

        given().auth().oauth2(TestTokens.admin("ws-a")).delete(PATH + "/" + id).then().statusCode(428);
        given().auth().oauth2(TestTokens.admin("ws-a")).header("If-Match", "\"1\"").delete(PATH + "/" + id)
                .then().statusCode(412);
        given().auth().oauth2(TestTokens.admin("ws-a")).header("If-Match", "\"2\"").delete(PATH + "/" + id)
                .then().statusCode(204);
        given().auth().oauth2(TestTokens.admin("ws-a")).get(PATH + "/" + id).then().statusCode(404);
    }

    @Test
    void listsArePagedByCursorWithinTheWorkspace() {
        String workspace = "ws-rules-" + UUID.randomUUID();
        String body = """
                {"name": "r", "metric": "CSAT", "scope": "workspace", "condition": "THRESHOLD",
                 "operator": "BELOW", "threshold": 0.7}""";
        for (int i = 0; i < 3; i++) {
            create(workspace, body).statusCode(201);
        }

        String next = given().auth().oauth2(TestTokens.analyst(workspace)).queryParam("limit", 2).get(PATH)
                .then().statusCode(200).body("items", hasSize(2)).body("next", notNullValue())
                .extract().path("next");
        given().auth().oauth2(TestTokens.analyst(workspace)).queryParam("limit", 2).queryParam("after", next).get(PATH)
                .then().statusCode(200).body("items", hasSize(1)).body("next", nullValue());
        given().auth().oauth2(TestTokens.analyst(workspace)).queryParam("limit", 101).get(PATH)
                .then().statusCode(400).body("errors[0].field", equalTo("limit"));
        given().auth().oauth2(TestTokens.analyst(workspace)).queryParam("after", "x").get(PATH)
                .then().statusCode(400).body("errors[0].field", equalTo("after"));
        given().auth().oauth2(TestTokens.analyst("ws-empty-" + UUID.randomUUID())).get(PATH)
                .then().statusCode(200).body("items", hasSize(0));
    }

    private static ValidatableResponse create(String workspace, String body) {
        return given().auth().oauth2(TestTokens.admin(workspace)).contentType("application/json").body(body).post(PATH)
                .then();
    }

    private static ValidatableResponse put(String id, String ifMatch, String body) {
        var request = given().auth().oauth2(TestTokens.admin("ws-a")).contentType("application/json").body(body);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.put(PATH + "/" + id).then();
    }
}
