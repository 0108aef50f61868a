package io.effortmap.e2e;

import static io.effortmap.e2e.RunningStack.alice;
import static io.effortmap.e2e.RunningStack.config;
import static io.effortmap.e2e.RunningStack.crmAcme;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The public edge of the real stack: ambiguous paths are refused by the gateway and by the services alike, answers
 * carry nosniff, no-store and relative Locations, management endpoints are only on the management ports, and no
 * component's log ever shows an invitation token.
 */
@ExtendWith(RunningStack.class)
class ApiEdgeIT {

    private static final String RESPONDENT_IP = "198.51.100.12";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static String surveyId;

    @BeforeAll
    static void activeSurvey() {
        var journey = given().auth().oauth2(alice).contentType(ContentType.JSON)
                .body(Map.of("name", "Edge journey", "stages", List.of(Map.of("name", "Support",
                        "touchpoints", List.of(Map.of("name", "Chat", "channel", "chat"))))))
                .post("/api/v1/journeys").then().statusCode(201).extract().jsonPath();
        var created = given().auth().oauth2(alice).contentType(ContentType.JSON)
                .body(Map.of("name", "Chat effort", "journeyId", journey.getString("id"),
                        "touchpointId", journey.getString("stages[0].touchpoints[0].id"),
                        "questions", List.of(Map.of("key", "ces", "kind", "CES"))))
                .post("/api/v1/surveys").then().statusCode(201).extract();
        surveyId = created.path("id");
        assertThat(created.header("Location")).isEqualTo("/api/v1/surveys/" + surveyId);
        given().auth().oauth2(alice).header("If-Match", "\"0\"").post("/api/v1/surveys/" + surveyId + "/activate").then().statusCode(200);
    }

    // ---- class 1: one reading of every path ---------------------------------------------------------------------

    @Test
    void pathsThatReadAsPublicButNormalizeToAnAuthenticatedRouteAreRefusedEverywhere() {
        for (String path : List.of("/api/v1/public/../surveys", "/api/v1/public/%2e%2e/surveys",
                "/api/v1/public/surveys/x/..;/..;/..;/surveys", "/api/v1/public;a=b/../surveys", "/api/v1//surveys",
                "/api/v1/public%2f..%2fsurveys")) {
            for (String token : new String[] {null, alice}) {
                HttpResponse<String> viaGateway = get(config.gatewayUrl() + path, token);
                assertThat(viaGateway.statusCode()).as("gateway %s (token: %s)", path, token != null).isEqualTo(400);
                assertThat(viaGateway.headers().firstValue("Content-Type")).contains("application/problem+json");
                assertThat(viaGateway.headers().firstValue("RateLimit-Limit")).as("no bucket used").isEmpty();
            }
            // survey-service, called directly as another service would: the same refusal.
            HttpResponse<String> direct = get("http://localhost:" + config.ports().survey() + path, alice);
            assertThat(direct.statusCode()).as("survey-service %s", path).isEqualTo(400);
            assertThat(direct.body()).contains("\"field\":\"path\"");
        }
    }

    // ---- class 7: response headers, public Locations, management ports -----------------------------------------

    @Test
    void everyAnswerThroughTheGatewayForbidsSniffingAndStoring() {
        for (var answer : List.of(given().auth().oauth2(alice).get("/api/v1/surveys/" + surveyId).then().statusCode(200),
                given().get("/api/v1/surveys").then().statusCode(401),
                given().auth().oauth2(alice).get("/api/v1/surveys/00000000-0000-0000-0000-000000000000").then().statusCode(404),
                given().auth().oauth2(alice).get("/api/v1/nothing").then().statusCode(404))) {
            answer.header("X-Content-Type-Options", "nosniff").header("Cache-Control", "no-store");
        }
    }

    @Test
    void locationsArePublicReferencesThatWorkThroughTheGateway() {
        var created = given().auth().oauth2(crmAcme).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("surveyId", surveyId, "customerId", "edge-1", "channel", "web",
                        "occurredAt", java.time.Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
                        "answers", List.of(Map.of("questionKey", "ces", "score", 5))))
                .post("/api/v1/responses").then().statusCode(201).extract();
        String location = created.header("Location");
        assertThat(location).isEqualTo("/api/v1/responses/" + created.path("id"))
                .doesNotContain("localhost").doesNotContain(String.valueOf(config.ports().survey()));
        given().auth().oauth2(alice).get(location).then().statusCode(200).body("id", equalTo(created.path("id")));
    }

    @Test
    void managementEndpointsAreOnlyOnTheManagementPorts() {
        for (String path : List.of("/q/health", "/q/health/ready", "/q/health/live", "/q/metrics")) {
            given().get(path).then().statusCode(404);
            given().get("http://localhost:" + config.ports().survey() + path).then().statusCode(404);
        }
        var ports = config.ports();
        for (int port : List.of(ports.gatewayManagement(), ports.surveyManagement(), ports.journeyManagement(),
                ports.metricsManagement())) {
            given().get("http://localhost:" + port + "/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
            given().get("http://localhost:" + port + "/q/metrics").then().statusCode(200);
        }
    }

    /** The merged document is read from the services' management ports and documents the gateway's 429. */
    @Test
    void mergedOpenApiDocumentsTheRateLimitOnEveryOperation() {
        var document = given().get("/openapi").then().statusCode(200).extract().jsonPath();
        assertThat(document.getMap("$")).doesNotContainKey("x-unavailable");
        Map<String, Map<String, Map<String, Object>>> paths = document.getMap("paths");
        List<String> without429 = new ArrayList<>();
        paths.forEach((path, item) -> item.forEach((method, operation) -> {
            Object responses = operation.get("responses");
            if (!(responses instanceof Map<?, ?> map) || !map.containsKey("429")) {
                without429.add(method + " " + path);
            }
        }));
        assertThat(paths).isNotEmpty();
        assertThat(without429).isEmpty();
        assertThat(document.getMap("components.responses.TooManyRequests.headers"))
                .containsKeys("Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset");
        given().get("/openapi/survey").then().statusCode(200).body("paths", org.hamcrest.Matchers.hasKey("/api/v1/surveys"));
    }

    // ---- class 8: no invitation token in any log line of any component -----------------------------------------

    @Test
    void noComponentLogsAnInvitationToken() throws Exception {
        var invitation = given().auth().oauth2(crmAcme).contentType(ContentType.JSON)
                .body(Map.of("surveyId", surveyId, "customerId", "edge-invited"))
                .post("/api/v1/invitations").then().statusCode(201).extract();
        String token = invitation.path("token");
        assertThat(token).hasSize(43);
        String id = "edge-logs-" + UUID.randomUUID();

        respondent().header("X-Request-Id", id).get("/api/v1/public/surveys/" + token).then().statusCode(200);
        respondent().header("X-Request-Id", id).get("/api/v1/public/surveys/" + token + "?token=" + token)
                .then().statusCode(org.hamcrest.Matchers.lessThan(500));
        respondent().header("X-Request-Id", id).contentType(ContentType.JSON)
                .body(Map.of("answers", List.of(Map.of("questionKey", "ces", "score", 6))))
                .post("/api/v1/public/surveys/" + token + "/responses").then().statusCode(201);
        // Answered: the same link now fails (409), and mistyped or odd variants of it fail otherwise.
        respondent().header("X-Request-Id", id).get("/api/v1/public/surveys/" + token).then().statusCode(409);
        respondent().header("X-Request-Id", id).get("/api/v1/public/surveys/" + token + "x").then().statusCode(404);
        // The hosted page of the answered link says so (409), through the gateway to survey-service.
        respondent().header("X-Request-Id", id).get("/s/" + token).then().statusCode(409);
        respondent().header("X-Request-Id", id).get("/API/v1/public/surveys/" + token).then().statusCode(404);
        assertThat(get(config.gatewayUrl() + "/api/v1/public/surveys/../surveys/" + token, null, "X-Request-Id", id,
                "X-Forwarded-For", RESPONDENT_IP)
                .statusCode()).isEqualTo(400);

        // The gateway writes its access lines asynchronously: wait for the last one before reading the logs.
        String last = "edge-logs-last-" + UUID.randomUUID();
        respondent().header("X-Request-Id", last).get("/s/" + token).then().statusCode(409);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> Files.readString(config.logs().resolve("gateway.log")).contains(last));

        List<String> leaks = new ArrayList<>();
        try (Stream<Path> files = Files.list(config.logs())) {
            for (Path log : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(log);
                if (text.contains(token.substring(0, 16))) {
                    leaks.add(log.getFileName().toString());
                }
            }
        }
        assertThat(leaks).as("logs showing the invitation token").isEmpty();
        assertThat(Files.readString(config.logs().resolve("gateway.log")))
                .contains("GET /api/v1/public/surveys/*** 200").contains("POST /api/v1/public/surveys/***/responses 201")
                .contains("GET /s/*** 409");
    }

    /** A respondent of its own (the test stack trusts X-Forwarded-For from 127.0.0.1): other tests' calls share no bucket. */
    private static io.restassured.specification.RequestSpecification respondent() {
        return given().header("X-Forwarded-For", RESPONDENT_IP);
    }

    private static HttpResponse<String> get(String url, String token, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
