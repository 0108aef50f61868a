package io.effortmap.e2e;

import static io.effortmap.e2e.RunningStack.adam;
import static io.effortmap.e2e.RunningStack.alice;
import static io.effortmap.e2e.RunningStack.config;
import static io.effortmap.e2e.RunningStack.crmAcme;
import static io.effortmap.e2e.RunningStack.gina;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;

import io.effortmap.launcher.seed.DemoSeeder;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The foundation's end-to-end slice against the real stack: real PostgreSQL, the Mongo store, the real Keycloak with
 * the project realm, the three services and the gateway, each its own process, driven only through the gateway.
 */
@ExtendWith(RunningStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformSliceIT {

    /** One instant for every submission, so a retried request is byte-for-byte the original. */
    private static final Instant ANSWERED_AT = Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    private static String journeyId;
    private static String touchpointId;
    private static String surveyId;

    @Test
    @Order(1)
    void adminCreatesAndActivatesACesSurveyOnATouchpoint() {
        var journey = given().auth().oauth2(alice).contentType(ContentType.JSON)
                .body(Map.of("name", "E2E journey", "stages", List.of(Map.of("name", "Purchase",
                        "touchpoints", List.of(Map.of("name", "Checkout", "channel", "web", "targets", Map.of("CES", 5.5)))))))
                .post("/api/v1/journeys")
                .then().statusCode(201).extract().jsonPath();
        journeyId = journey.getString("id");
        touchpointId = journey.getString("stages[0].touchpoints[0].id");

        surveyId = given().auth().oauth2(alice).contentType(ContentType.JSON)
                .body(Map.of("name", "Checkout effort", "journeyId", journeyId, "touchpointId", touchpointId,
                        "questions", List.of(Map.of("key", "ces", "kind", "CES"))))
                .post("/api/v1/surveys")
                .then().statusCode(201).body("status", equalTo("DRAFT")).extract().path("id");

        given().auth().oauth2(alice).header("If-Match", "\"0\"").post("/api/v1/surveys/" + surveyId + "/activate")
                .then().statusCode(200).body("status", equalTo("ACTIVE"));
    }

    @Test
    @Order(2)
    void responsesFromThePartnerCrmAndTheAdminReachTheTouchpointsCes() {
        String key = UUID.randomUUID().toString();
        String first = submit(crmAcme, key, 6).statusCode(201).extract().path("id");
        // The CRM retries the same request: same response, nothing stored twice.
        assertThat((String) submit(crmAcme, key, 6).statusCode(200).extract().path("id")).isEqualTo(first);
        submit(crmAcme, UUID.randomUUID().toString(), 4).statusCode(201);
        submit(alice, UUID.randomUUID().toString(), 7).statusCode(201);

        awaitCes(3).body("figures[0].mean", closeTo(17.0 / 3, 1e-9))
                .body("figures[0].scoring", equalTo("CES_AGREEMENT"))
                .body("target", closeTo(5.5, 1e-9));
    }

    @Test
    @Order(3)
    void anotherWorkspaceSeesNoneOfIt() {
        given().auth().oauth2(gina).get("/api/v1/journeys/" + journeyId).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(gina).get("/api/v1/surveys/" + surveyId).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(gina).get(cesPath()).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    @Order(4)
    void requestsWithoutATokenAreUnauthorized() {
        for (String path : List.of("/api/v1/journeys/" + journeyId, "/api/v1/surveys/" + surveyId, cesPath())) {
            given().get(path).then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer");
        }
    }

    @Test
    @Order(5)
    void partnerCrmMayNotCreateSurveys() {
        given().auth().oauth2(crmAcme).contentType(ContentType.JSON)
                .body(Map.of("name", "Sneaky", "journeyId", journeyId, "touchpointId", touchpointId,
                        "questions", List.of(Map.of("key", "ces", "kind", "CES"))))
                .post("/api/v1/surveys")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    @Order(6)
    void gatewayServesTheMergedPublicApiDocument() {
        var document = given().get("/openapi").then().statusCode(200).extract().jsonPath();
        java.util.Set<String> paths = document.<String, Object>getMap("paths").keySet();
        assertThat(paths).contains("/api/v1/surveys", "/api/v1/journeys", "/api/v1/responses",
                "/api/v1/metrics/journeys/{journeyId}/touchpoints/{touchpointId}");
        assertThat(paths).allMatch(path -> path.startsWith("/api/v1/"));
        assertThat(document.getString("components.securitySchemes.keycloak.openIdConnectUrl"))
                .isEqualTo(config.issuer() + "/.well-known/openid-configuration");
        assertThat(document.getMap("$")).doesNotContainKey("x-unavailable");
    }

    @Test
    @Order(7)
    void demoSeedMakesReturnsTheFrictionHotspot() {
        DemoSeeder.SeedSummary seed = new DemoSeeder(config, line -> System.out.println("[e2e] " + line)).seed();

        double hotspot = ces(seed.journeyId(), seed.hotspotTouchpointId());
        String payment = given().auth().oauth2(adam).get("/api/v1/journeys/" + seed.journeyId()).then().statusCode(200)
                .extract().path("stages.flatten().touchpoints.flatten().find { it.name == 'Payment' }.id");
        assertThat(hotspot).isLessThan(4.0).isLessThan(ces(seed.journeyId(), payment) - 1.5);
    }

    private static double ces(String journey, String touchpoint) {
        return given().auth().oauth2(adam).get("/api/v1/metrics/journeys/" + journey + "/touchpoints/" + touchpoint + "?metric=CES")
                .then().statusCode(200).extract().jsonPath().getDouble("figures[0].mean");
    }

    private static ValidatableResponse submit(String token, String idempotencyKey, int score) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", idempotencyKey)
                .body(Map.of("surveyId", surveyId, "customerId", "cust-" + score, "channel", "web",
                        "occurredAt", ANSWERED_AT.toString(),
                        "answers", List.of(Map.of("questionKey", "ces", "score", score))))
                .post("/api/v1/responses")
                .then();
    }

    private static String cesPath() {
        return "/api/v1/metrics/journeys/" + journeyId + "/touchpoints/" + touchpointId + "?metric=CES";
    }

    private static ValidatableResponse awaitCes(int n) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            var figures = given().auth().oauth2(adam).get(cesPath()).then().statusCode(200).extract().jsonPath()
                    .getList("figures.n");
            if (!figures.isEmpty() && ((Number) figures.getFirst()).intValue() >= n) {
                break;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return given().auth().oauth2(adam).get(cesPath()).then().statusCode(200).body("figures[0].n", equalTo(n));
    }
}
