package io.effortmap.metrics.support;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.effortmap.metrics.testing.UpstreamStubResource;
import io.effortmap.testsupport.MongoResource;
import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * metrics-service at its API boundary: ids checked before any peer is asked, a peer's 4xx or unreadable answer is the
 * caller's problem and never an outage (one workspace's bad requests never make another's reads fail), creates honour
 * Idempotency-Key, and unknown parameters, control characters and repeated keys are refused naming the field.
 */
@QuarkusTest
@WithTestResource(MongoResource.class)
@WithTestResource(TestOidcResource.class)
@WithTestResource(UpstreamStubResource.class)
class ApiBoundaryTest {

    private static final String JOURNEY = """
            {"id":"%s","name":"Fresh","version":1,"stages":[{"id":"st_fresh0000000","name":"S","touchpoints":[
              {"id":"tp_fresh0000000","name":"T","channel":"web","targets":{}}]}]}""";

    @ConfigProperty(name = "quarkus.rest-client.survey-feed.url")
    String stub;

    @Inject
    CircuitBreakerMaintenance circuitBreakers;

    @Inject
    io.quarkus.mongodb.reactive.ReactiveMongoClient mongo;

    @Test
    void oneWorkspacesRefusedOrUnreadableLookupsNeverOpenTheBreakerForAnother() {
        circuitBreakers.resetAll();
        String other = "ws-iso-" + UUID.randomUUID();
        String journey = "jr_Fresh" + UUID.randomUUID().toString().substring(0, 8);
        given().body(JOURNEY.formatted(journey)).post(stub + "/stub/journeys?workspace=" + other + "&id=" + journey)
                .then().statusCode(204);
        for (String bad : List.of(UpstreamStubResource.REFUSED_JOURNEY, UpstreamStubResource.GARBAGE_JOURNEY,
                UpstreamStubResource.WRONG_JOURNEY)) {
            for (int i = 0; i < 8; i++) {
                given().auth().oauth2(TestTokens.analyst("ws-noisy")).get("/api/v1/metrics/journeys/" + bad + "/scorecard")
                        .then().statusCode(404).contentType("application/problem+json")
                        .body("errors[0].field", equalTo("journeyId"));
            }
        }
        for (int i = 0; i < 8; i++) {
            given().auth().oauth2(TestTokens.analyst("ws-noisy")).queryParam("scope", "survey").queryParam("id", ".")
                    .get("/api/v1/metrics/series").then().statusCode(400).body("errors[0].field", equalTo("id"));
            given().auth().oauth2(TestTokens.analyst("ws-noisy")).get("/api/v1/metrics/journeys/jr_..x/funnel")
                    .then().statusCode(404).body("errors[0].field", equalTo("journeyId"));
        }
        given().auth().oauth2(TestTokens.analyst(other)).get("/api/v1/metrics/journeys/" + journey + "/scorecard")
                .then().statusCode(200).body("journeyId", equalTo(journey));
    }

    @Test
    void scopeIdsOfTheWrongShapeAre400NamingTheParameter() {
        for (String[] q : List.of(new String[] {"journey", "id", "."}, new String[] {"survey", "id", "not-a-uuid"},
                new String[] {"touchpoint", "id", "tp_../x"}, new String[] {"stage", "id", "st_%2e%2e"})) {
            var request = given().auth().oauth2(TestTokens.analyst("ws-a")).queryParam("scope", q[0])
                    .queryParam(q[1], q[2]);
            if (q[0].equals("touchpoint") || q[0].equals("stage")) {
                request.queryParam("journeyId", "jr_TestJourney02");
            }
            request.get("/api/v1/metrics/series").then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo(q[1]));
        }
        given().auth().oauth2(TestTokens.analyst("ws-a")).queryParam("scope", "touchpoint")
                .queryParam("id", "tp_a1__________").queryParam("journeyId", "..")
                .get("/api/v1/metrics/series").then().statusCode(400).body("errors[0].field", equalTo("journeyId"));
        given().auth().oauth2(TestTokens.analyst("ws-a")).queryParam("scope", "survey")
                .queryParam("id", "00000000-0000-4000-8000-000000000000")
                .get("/api/v1/metrics/series").then().statusCode(404).body("errors[0].field", equalTo("id"));
    }

    @Test
    void unknownParametersControlCharactersAndRepeatedKeysAreRefused() {
        given().auth().oauth2(TestTokens.analyst("ws-a")).queryParam("scope", "workspace").queryParam("metrc", "NPS")
                .get("/api/v1/metrics/series").then().statusCode(400)
                .body("errors.field", contains("metrc")).body("errors[0].message", containsString("metric"));
        given().auth().oauth2(TestTokens.admin("ws-a")).contentType("application/json")
                .body("{\"url\": \"https://example.com/h\", \"eventTypes\": [\"alert.opened\"], \"description\": \"a\\u0000\"}")
                .post("/api/v1/webhooks").then().statusCode(400).body("errors[0].field", equalTo("description"));
        given().auth().oauth2(TestTokens.admin("ws-a")).contentType("application/json")
                .body("{\"name\": \"r\", \"name\": \"s\", \"metric\": \"CES\", \"scope\": \"workspace\", "
                        + "\"condition\": \"SIGNIFICANT_DROP\"}")
                .post("/api/v1/alerts/rules").then().statusCode(400).body("errors[0].field", equalTo("name"));
        given().auth().oauth2(TestTokens.analyst("ws-a")).get("/api/v1/alerts/al_..").then().statusCode(404)
                .body("errors[0].field", equalTo("id"));
        given().auth().oauth2(TestTokens.admin("ws-a")).post("/api/v1/webhooks/wh_x/deliveries/msg_x/replay")
                .then().statusCode(404).body("errors[0].field", equalTo("id"));
    }

    @Test
    void retriedCreatesOfRulesAndWebhooksAnswerTheFirstObject() {
        String ws = "ws-idem-" + UUID.randomUUID();
        String rule = """
                {"name": "Drop", "metric": "NPS", "scope": "workspace", "condition": "SIGNIFICANT_DROP"}""";
        ExtractableResponse<Response> first = create("/api/v1/alerts/rules", ws, "r-1", rule);
        ExtractableResponse<Response> retry = create("/api/v1/alerts/rules", ws, "r-1", rule);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.header("Idempotency-Replayed")).isEqualTo("true");
        assertThat(retry.jsonPath().getString("id")).isEqualTo(first.jsonPath().getString("id"));
        assertThat(create("/api/v1/alerts/rules", ws, "r-1", rule.replace("Drop", "Other")).statusCode()).isEqualTo(422);
        assertThat(given().auth().oauth2(TestTokens.analyst(ws)).get("/api/v1/alerts/rules").then().statusCode(200)
                .extract().jsonPath().getList("items")).hasSize(1);

        String webhook = """
                {"url": "https://example.com/hook", "eventTypes": ["alert.opened"]}""";
        ExtractableResponse<Response> hook = create("/api/v1/webhooks", ws, "w-1", webhook);
        ExtractableResponse<Response> hookAgain = create("/api/v1/webhooks", ws, "w-1", webhook);
        assertThat(hook.statusCode()).isEqualTo(201);
        assertThat(hookAgain.statusCode()).isEqualTo(200);
        assertThat(hookAgain.jsonPath().getString("id")).isEqualTo(hook.jsonPath().getString("id"));
        assertThat(hookAgain.jsonPath().getString("secret")).isEqualTo(hook.jsonPath().getString("secret"));
        Document stored = mongo.getDatabase("effortmap_metrics").getCollection("idempotencyKeys")
                .find(new Document("ws", ws).append("key", "w-1")).collect().first().await().indefinitely();
        assertThat(stored.getString("resourceId")).isEqualTo(hook.jsonPath().getString("id"));
    }

    @Test
    void csatThresholdsAreSharesAndRulesStoredAsPercentagesReadAsShares() {
        String ws = "ws-share-" + UUID.randomUUID();
        create("/api/v1/alerts/rules", ws, "k", """
                {"name": "CSAT", "metric": "CSAT", "scope": "workspace", "condition": "THRESHOLD", "operator": "BELOW",
                 "threshold": 70}""").response().then().statusCode(422).body("errors[0].field", equalTo("threshold"))
                .body("errors[0].message", equalTo("must be within 0..1 for CSAT"));
        String id = "ar_0mhq2x8z1aK3j9-Qx_0Zb";
        java.util.Date now = new java.util.Date();
        mongo.getDatabase("effortmap_metrics").getCollection("alertRules").insertOne(new Document("_id", id)
                .append("ws", ws).append("name", "Old").append("metric", "CSAT").append("scoring", "CSAT")
                .append("scope", "workspace").append("scopeId", ws).append("journeyId", null)
                .append("condition", "THRESHOLD").append("operator", "BELOW").append("threshold", 70.0)
                .append("minN", 30).append("windowDays", 7).append("enabled", true).append("version", 1L)
                .append("createdAt", now).append("updatedAt", now).append("createdBy", "alice"))
                .await().indefinitely();
        given().auth().oauth2(TestTokens.analyst(ws)).get("/api/v1/alerts/rules/" + id).then().statusCode(200)
                .body("threshold", org.hamcrest.Matchers.closeTo(0.7, 1e-9));
    }

    private static ExtractableResponse<Response> create(String path, String ws, String key, String body) {
        return given().auth().oauth2(TestTokens.admin(ws)).header("Idempotency-Key", key).contentType("application/json")
                .body(body).post(path).then().extract();
    }
}
