package io.effortmap.metrics.rebuild.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.effortmap.metrics.testing.UpstreamStubResource;
import io.effortmap.testsupport.MongoResource;
import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(MongoResource.class)
@WithTestResource(TestOidcResource.class)
@WithTestResource(UpstreamStubResource.class)
class RebuildResourceTest {

    private static final String TODAY = LocalDate.now(ZoneOffset.UTC).toString();
    private static final String OPERATOR = TestTokens.token(null, "ops-console", "effortmap-operator");

    @ConfigProperty(name = "quarkus.rest-client.survey-feed.url")
    String stub;

    @BeforeAll
    static void readDecimalsAsDoubles() {
        RestAssured.config = RestAssured.config().jsonConfig(
                JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    @Test
    void rebuildRecomputesEveryFigureInANewGenerationThatTakesOverOnceCaughtUp() {
        for (int score : new int[] {2, 3, 7}) {
            feed("tp-rebuild", score);
        }
        awaitCes(3);
        int before = status().extract().path("activeGeneration");

        // Feed down: the rebuild cannot progress, so its state can be observed.
        given().post(stub + "/stub/down?on=true").then().statusCode(204);
        try {
            given().auth().oauth2(OPERATOR).post("/admin/rebuild")
                    .then().statusCode(202)
                    .header("Location", equalTo("/admin/rebuild"))
                    .body("state", equalTo("RUNNING"))
                    .body("activeGeneration", equalTo(before))
                    .body("rebuildingGeneration", equalTo(before + 1))
                    .body("requestedBy", equalTo("ops-console"))
                    .body("startedAt", notNullValue())
                    .body("feeds", hasSize(2));
            given().auth().oauth2(OPERATOR).post("/admin/rebuild")
                    .then().statusCode(409)
                    .contentType("application/problem+json")
                    .body("status", equalTo(409));
            ces().body("figures[0].n", equalTo(3));
        } finally {
            given().post(stub + "/stub/down?on=false").then().statusCode(204);
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> "IDLE".equals(status().extract().path("state")));
        status().body("activeGeneration", equalTo(before + 1));
        ces().body("figures[0].n", equalTo(3)).body("figures[0].mean", closeTo(4.0, 1e-9));

        feed("tp-rebuild", 4);
        awaitCes(4);
    }

    @Test
    void onlyOperatorsMayRebuildOrSeeGenerations() {
        given().auth().oauth2(TestTokens.admin("ws-rb")).post("/admin/rebuild")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.admin("ws-rb")).get("/admin/rebuild").then().statusCode(403);
        given().post("/admin/rebuild").then().statusCode(401).contentType("application/problem+json");
    }

    private ValidatableResponse status() {
        return given().auth().oauth2(OPERATOR).get("/admin/rebuild").then().statusCode(200);
    }

    private void awaitCes(int n) {
        await().atMost(Duration.ofSeconds(10)).until(() -> ces().extract().path("figures[0].n") instanceof Integer count
                && count == n);
    }

    private static ValidatableResponse ces() {
        return given().auth().oauth2(TestTokens.analyst("ws-a")).queryParam("metric", "CES")
                .get("/api/v1/metrics/journeys/j1/touchpoints/tp-rebuild").then().statusCode(200);
    }

    private void feed(String touchpoint, int score) {
        String event = """
                {"id":"%s","workspace":"ws-a","surveyId":"s1","journeyId":"j1","touchpointId":"%s","channel":"web",
                 "customerId":"c1","segments":{},"occurredAt":"%sT10:00:00Z","receivedAt":"%sT10:00:01Z","answers":[
                 {"questionKey":"q","kind":"CES","scaleMin":1,"scaleMax":7,"scoring":"CES_AGREEMENT","score":%d}]}
                """.formatted(UUID.randomUUID(), touchpoint, TODAY, TODAY, score);
        given().body(event).post(stub + "/stub/responses").then().statusCode(204);
    }
}
