package io.effortmap.metrics.touchpoint.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

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
class TouchpointMetricsResourceTest {

    private static final String TODAY = LocalDate.now(ZoneOffset.UTC).toString();

    @ConfigProperty(name = "quarkus.rest-client.survey-feed.url")
    String stub;

    @BeforeAll
    static void readDecimalsAsDoubles() {
        RestAssured.config = RestAssured.config().jsonConfig(
                JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    @Test
    void touchpointCesReflectsEveryFedResponseWithItsStatistics() {
        for (int score : new int[] {5, 6, 7, 4}) {
            feed("ws-a", "tp_ces_________", answer("CES", 1, 7, "CES_AGREEMENT", score));
        }

        awaitMetric("tp_ces_________", "CES", 4)
                .body("touchpointName", equalTo("Checkout"))
                // journey-service's older name CES is the agreement target
                .body("target", closeTo(5.5, 1e-9))
                .body("targets.CES_AGREEMENT", closeTo(5.5, 1e-9))
                .body("figures", hasSize(1))
                .body("figures[0].scoring", equalTo("CES_AGREEMENT"))
                .body("figures[0].mean", closeTo(5.5, 1e-9))
                // bounded-scale interval (statistics_reference.py): 3.29053..7; the t-interval reached 7.554
                .body("figures[0].meanCi95.low", closeTo(3.29053, 1e-4))
                .body("figures[0].meanCi95.high", closeTo(7.0, 1e-9))
                .body("figures[0].headline.name", equalTo("easyShare"))
                .body("figures[0].headline.value", closeTo(0.75, 1e-9))
                .body("figures[0].histogram.'4'", equalTo(1))
                .body("figures[0].histogram.'7'", equalTo(1))
                .body("figures[0].lowSample", equalTo(true));
    }

    @Test
    void answersOnDifferentScalesAreNeverMixedInOneFigure() {
        feed("ws-a", "tp_scales______", answer("CES", 1, 7, "CES_AGREEMENT", 7));
        feed("ws-a", "tp_scales______", answer("CES", 1, 5, "CES_EFFORT", 1));
        feed("ws-a", "tp_scales______", answer("CES", 1, 5, "CES_EFFORT", 2));

        awaitFigures("tp_scales______", "CES", 2)
                .body("figures.find { it.scoring == 'CES_EFFORT' }.n", equalTo(2))
                .body("figures.find { it.scoring == 'CES_EFFORT' }.mean", closeTo(1.5, 1e-9))
                // On the 1–5 effort scale lower is easier: both answers are easy.
                .body("figures.find { it.scoring == 'CES_EFFORT' }.headline.value", closeTo(1.0, 1e-9))
                .body("figures.find { it.scoring == 'CES_AGREEMENT' }.n", equalTo(1))
                .body("figures.find { it.scoring == 'CES_AGREEMENT' }.meanCi95", nullValue());
    }

    @Test
    void npsIsPromotersMinusDetractors() {
        for (int score : new int[] {10, 9, 8, 3}) {
            feed("ws-a", "tp_nps_________", answer("NPS", 0, 10, "NPS", score));
        }

        awaitMetric("tp_nps_________", "NPS", 4)
                .body("figures[0].headline.name", equalTo("nps"))
                .body("figures[0].headline.value", closeTo(25.0, 1e-9));
    }

    @Test
    void responsesFedWhileTheFeedIsDownAreCountedOnceItRecovers() {
        given().post(stub + "/stub/down?on=true").then().statusCode(204);
        try {
            for (int score : new int[] {2, 3}) {
                feed("ws-a", "tp_outage______", answer("CSAT", 1, 5, "CSAT", score));
            }
            await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> true);
            metric("tp_outage______", "CSAT", TestTokens.analyst("ws-a")).statusCode(200).body("figures", hasSize(0));
        } finally {
            given().post(stub + "/stub/down?on=false").then().statusCode(204);
        }
        awaitMetric("tp_outage______", "CSAT", 2).body("figures[0].mean", closeTo(2.5, 1e-9));
    }

    /** The caller's W3C trace context (what replaced the hand-written X-Request-Id propagation) reaches both lookups. */
    @Test
    void theCallersTraceGoesOnToJourneyServiceAndSurveyService() {
        String touchpointTrace = randomHex(16);
        String seriesTrace = randomHex(16);
        given().auth().oauth2(TestTokens.analyst("ws-a")).header("traceparent", "00-" + touchpointTrace + "-" + randomHex(8) + "-01")
                .queryParam("metric", "CES")
                .get("/api/v1/metrics/journeys/jr_TestJourney01/touchpoints/tp_ces_________").then().statusCode(200);
        given().auth().oauth2(TestTokens.analyst("ws-a")).header("traceparent", "00-" + seriesTrace + "-" + randomHex(8) + "-01")
                .queryParam("metric", "CES").queryParam("scope", "survey").queryParam("id", "5a000000-0000-4000-8000-000000000001")
                .get("/api/v1/metrics/series").then().statusCode(200);

        given().get(stub + "/stub/traceparents").then().statusCode(200)
                .body(org.hamcrest.Matchers.matchesPattern("(?s).*00-" + touchpointTrace + "-[0-9a-f]{16}-01.*"))
                .body(org.hamcrest.Matchers.matchesPattern("(?s).*00-" + seriesTrace + "-[0-9a-f]{16}-01.*"));
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        java.util.concurrent.ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1;
        return java.util.HexFormat.of().formatHex(random);
    }

    @Test
    void anotherWorkspaceSeesNotFound() {
        metric("tp_ces_________", "CES", TestTokens.analyst("ws-b"))
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Not Found"));
    }

    @Test
    void missingTokenIsUnauthorizedProblem() {
        given().get("/api/v1/metrics/journeys/jr_TestJourney01/touchpoints/tp_ces_________")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer");
    }

    @Test
    void crmPartnerMayNotReadMetrics() {
        metric("tp_ces_________", "CES", TestTokens.partner("ws-a"))
                .statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void unknownMetricIsRejectedNamingTheParameter() {
        metric("tp_ces_________", "EFFORTLESSNESS", TestTokens.analyst("ws-a"))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("metric"));
    }

    @Test
    void malformedDateIsRejectedNotAServerError() {
        given().auth().oauth2(TestTokens.analyst("ws-a"))
                .queryParam("from", "yesterday")
                .get("/api/v1/metrics/journeys/jr_TestJourney01/touchpoints/tp_ces_________")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("from"));
    }

    private ValidatableResponse awaitMetric(String touchpoint, String metric, int n) {
        await().atMost(Duration.ofSeconds(10)).until(() -> metric(touchpoint, metric, TestTokens.analyst("ws-a"))
                .extract().path("figures[0].n") instanceof Integer count && count == n);
        return metric(touchpoint, metric, TestTokens.analyst("ws-a")).statusCode(200).body("figures[0].n", equalTo(n));
    }

    private ValidatableResponse awaitFigures(String touchpoint, String metric, int figures) {
        await().atMost(Duration.ofSeconds(10)).until(() -> metric(touchpoint, metric, TestTokens.analyst("ws-a"))
                .extract().jsonPath().getList("figures").size() == figures);
        return metric(touchpoint, metric, TestTokens.analyst("ws-a")).statusCode(200);
    }

    private static ValidatableResponse metric(String touchpoint, String metric, String token) {
        return given().auth().oauth2(token).queryParam("metric", metric)
                .get("/api/v1/metrics/journeys/jr_TestJourney01/touchpoints/" + touchpoint).then();
    }

    private void feed(String workspace, String touchpoint, String answer) {
        String event = """
                {"id":"%s","workspace":"%s","surveyId":"5a000000-0000-4000-8000-000000000001","journeyId":"jr_TestJourney01","touchpointId":"%s","channel":"web",
                 "customerId":"c1","segments":{},"occurredAt":"%sT10:00:00Z","receivedAt":"%sT10:00:01Z","answers":[%s]}
                """.formatted(UUID.randomUUID(), workspace, touchpoint, TODAY, TODAY, answer);
        given().body(event).post(stub + "/stub/responses").then().statusCode(204);
    }

    private static String answer(String kind, int min, int max, String scoring, int score) {
        return """
                {"questionKey":"q","kind":"%s","scaleMin":%d,"scaleMax":%d,"scoring":"%s","score":%d,"text":null}
                """.formatted(kind, min, max, scoring, score);
    }
}
