package io.effortmap.gateway.routing.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(TestOidcResource.class)
@WithTestResource(EchoUpstreamResource.class)
class ProxyRouteTest {

    private static final String ADMIN = TestTokens.admin("ws-a");

    @Test
    void requestWithoutTokenIsRejectedWithProblemBeforeReachingAnyService() {
        given().get("/api/v1/surveys")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .header("X-Upstream", nullValue())
                .body("status", equalTo(401))
                .body("title", equalTo("Unauthorized"));
    }

    @Test
    void forgedTokenIsRejected() {
        String[] parts = ADMIN.split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 4) + "AAAA." + parts[2];
        given().auth().oauth2(tampered).get("/api/v1/surveys")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void authenticatedRequestIsForwardedWithPathQueryAndAuthorization() {
        given().auth().oauth2(ADMIN).queryParam("status", "ACTIVE").get("/api/v1/surveys/abc")
                .then().statusCode(200)
                .header("X-Upstream", "echo")
                .body("method", equalTo("GET"))
                .body("uri", equalTo("/api/v1/surveys/abc?status=ACTIVE"))
                .body("authorization", equalTo("Bearer " + ADMIN));
    }

    @Test
    void requestIdIsGeneratedForwardedAndEchoed() {
        var response = given().auth().oauth2(ADMIN).get("/api/v1/journeys/x").then().statusCode(200)
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
        String echoed = response.extract().header("X-Request-Id");
        response.body("requestId", equalTo(echoed));
    }

    @Test
    void callerRequestIdIsKept() {
        given().auth().oauth2(ADMIN).header("X-Request-Id", "req-42").get("/api/v1/journeys/x")
                .then().header("X-Request-Id", "req-42").body("requestId", equalTo("req-42"));
    }

    @Test
    void largeBodyIsStreamedIntactAndStatusIsRelayed() {
        byte[] body = new byte[3 * 1024 * 1024];
        new Random(7).nextBytes(body);
        given().auth().oauth2(ADMIN).contentType("application/x-ndjson").body(body)
                .post("/api/v1/responses/created")
                .then().statusCode(201)
                .body("method", equalTo("POST"))
                .body("bodyLength", equalTo(body.length))
                .body("bodySha256", equalTo(EchoUpstreamResource.sha256(body)));
    }

    @Test
    void hopByHopHeadersAreNotForwardedButOthersAre() {
        given().auth().oauth2(ADMIN).header("Proxy-Authorization", "Basic secret").header("X-Custom", "kept")
                .get("/api/v1/journeys/x")
                .then().statusCode(200)
                .body("proxyAuthorization", nullValue())
                .body("custom", equalTo("kept"));
    }

    @Test
    void unknownApiResourceIsNotFoundProblem() {
        given().auth().oauth2(ADMIN).get("/api/v1/nothing-here")
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
    }

    @Test
    void downServiceAnswersServiceUnavailableWithRetryAfter() {
        given().auth().oauth2(ADMIN).get("/api/v1/metrics/anything")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("detail", startsWith("metrics is unavailable"));
    }

    @Test
    void slowServiceAnswersGatewayTimeoutWithinTheRouteTimeout() {
        long start = System.nanoTime();
        given().auth().oauth2(ADMIN).get("/api/v1/journeys/slow")
                .then().statusCode(504).contentType("application/problem+json");
        org.assertj.core.api.Assertions.assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2900);
    }

    @Test
    void publicRespondentPathsNeedNoToken() {
        given().get("/api/v1/public/surveys/some-token")
                .then().statusCode(200).body("authorization", nullValue());
    }

    @Test
    void respondentSurveyPagesNeedNoTokenAndGoToTheServiceAnsweringRespondents() {
        given().header("X-Forwarded-For", "192.0.2.40").get("/s/some-token?x=1")
                .then().statusCode(200)
                .header("X-Upstream", "echo")
                .body("uri", equalTo("/s/some-token?x=1"))
                .body("authorization", nullValue());
    }

    @Test
    void aSurveyPageIsAnsweredWithAPlainFormPostAndNothingElse() {
        byte[] form = "q_ces=6&comment=Quick".getBytes(StandardCharsets.UTF_8);
        // A browser's form post carries the page's own origin (Referrer-Policy same-origin): CORS lets it through.
        given().header("X-Forwarded-For", "192.0.2.41")
                .header("Origin", io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port)
                .formParam("q_ces", "6").formParam("comment", "Quick")
                .post("/s/some-token")
                .then().statusCode(200)
                .body("bodySha256", equalTo(EchoUpstreamResource.sha256(form)));
        given().header("X-Forwarded-For", "192.0.2.41").contentType("application/json").body("{}")
                .post("/s/some-token")
                .then().statusCode(415).contentType("text/html;charset=UTF-8").header("X-Upstream", nullValue());
        // The API does not take form posts.
        given().auth().oauth2(ADMIN).formParam("name", "x").post("/api/v1/surveys")
                .then().statusCode(415).header("X-Upstream", nullValue());
    }

    @Test
    void surveyPagesAreRateLimitedPerIpLikeTheRespondentApi() {
        int status = 200;
        for (int i = 0; i < 7 && status != 429; i++) {
            status = given().header("X-Forwarded-For", "198.51.100.1, 203.0.113.17").get("/s/t" + i)
                    .then().extract().statusCode();
        }
        org.assertj.core.api.Assertions.assertThat(status).isEqualTo(429);
        // A person reads the page's answer: plain HTML, not a problem document, and without the path's token.
        given().header("X-Forwarded-For", "198.51.100.1, 203.0.113.17").get("/s/secret-token-of-the-link")
                .then().statusCode(429).contentType(org.hamcrest.Matchers.containsString("text/html"))
                .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .body(org.hamcrest.Matchers.containsString("<h1>Too many attempts</h1>"))
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("secret-token")));
        given().header("X-Forwarded-For", "198.51.100.1, 203.0.113.17").get("/api/v1/public/surveys/t")
                .then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
        given().header("X-Forwarded-For", "203.0.113.18").get("/s/t").then().statusCode(200);
    }

    @Test
    void clientOverItsRateLimitGetsTooManyRequestsWithRetryAfter() {
        String limited = TestTokens.token("ws-a", "limited-client", "cx-admin");
        for (int remaining = 1; remaining >= 0; remaining--) {
            given().auth().oauth2(limited).get("/api/v1/journeys/x")
                    .then().statusCode(200)
                    .header("RateLimit-Limit", "2")
                    .header("RateLimit-Remaining", String.valueOf(remaining));
        }
        given().auth().oauth2(limited).get("/api/v1/journeys/x")
                .then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", "5")
                .header("RateLimit-Remaining", "0")
                .header("X-Upstream", nullValue());
    }

    @Test
    void otherClientsKeepTheirOwnBucket() {
        String limited = TestTokens.token("ws-b", "limited-client", "cx-admin");
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(limited).get("/api/v1/journeys/x");
        }
        given().auth().oauth2(ADMIN).get("/api/v1/journeys/x").then().statusCode(200);
    }

    @Test
    void respondentEndpointsAreRateLimitedPerIp() {
        int status = 200;
        for (int i = 0; i < 7 && status != 429; i++) {
            status = given().header("X-Forwarded-For", "198.51.100.1, 203.0.113.7")
                    .get("/api/v1/public/surveys/t" + i).then().extract().statusCode();
        }
        org.assertj.core.api.Assertions.assertThat(status).isEqualTo(429);
        // Another respondent behind the same trusted proxy is unaffected.
        given().header("X-Forwarded-For", "203.0.113.8").get("/api/v1/public/surveys/t").then().statusCode(200);
    }

    @Test
    void bodyLargerThanTheRouteAllowsIsRejectedBeforeReachingTheService() {
        given().auth().oauth2(ADMIN).contentType("application/json").body(new byte[2 * 1024 * 1024])
                .post("/api/v1/metrics/anything")
                .then().statusCode(413).contentType("application/problem+json").body("status", equalTo(413));
    }

    @Test
    void nonJsonBodyIsUnsupportedMediaType() {
        given().auth().oauth2(ADMIN).contentType("text/plain").body("name=x")
                .post("/api/v1/surveys")
                .then().statusCode(415).contentType("application/problem+json").header("X-Upstream", nullValue());
    }

    @Test
    void csvBodyOfTheResponseImportIsForwardedAsSent() {
        byte[] csv = "respondent,submitted_at,score\r\nc-1,2025-11-03T10:00:00Z,5\r\n".getBytes(StandardCharsets.UTF_8);
        given().auth().oauth2(ADMIN).contentType("text/csv; charset=UTF-8").body(csv)
                .post("/api/v1/responses/import?surveyId=x")
                .then().statusCode(200)
                .header("X-Upstream", "echo")
                .body("uri", equalTo("/api/v1/responses/import?surveyId=x"))
                .body("bodyLength", equalTo(csv.length))
                .body("bodySha256", equalTo(EchoUpstreamResource.sha256(csv)));
    }

    @Test
    void unsignedTokenIsRejected() {
        String[] parts = ADMIN.split("\\.");
        String header = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        given().auth().oauth2(header + "." + parts[1] + ".").get("/api/v1/surveys")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void hmacTokenSignedWithAGuessableSecretIsRejected() {
        String forged = io.smallrye.jwt.build.Jwt.issuer(TestTokens.ISSUER).audience(TestTokens.AUDIENCE)
                .subject("mallory").claim("workspace", "ws-a").claim("azp", "effortmap-web")
                .claim("realm_access", java.util.Map.of("roles", java.util.List.of("cx-admin")))
                .signWithSecret("a-shared-secret-that-is-long-enough-for-hs256");
        given().auth().oauth2(forged).get("/api/v1/surveys")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void repeatedUpstreamFailuresOpenTheCircuitSoCallersFailFast() {
        for (int i = 0; i < 6; i++) {
            given().auth().oauth2(ADMIN).get("/api/v1/metrics/anything").then().statusCode(503);
        }
        given().auth().oauth2(ADMIN).get("/api/v1/metrics/anything")
                .then().statusCode(503)
                .header("Retry-After", notNullValue())
                .body("detail", equalTo("metrics is unavailable (circuit open)"));
    }

    @Test
    void aVerifiedTokenStopsWorkingWhenItExpires() throws InterruptedException {
        String shortLived = TestTokens.expiringIn(2, "ws-a", "effortmap-web", "cx-admin");
        given().auth().oauth2(shortLived).get("/api/v1/journeys/x").then().statusCode(200);
        given().auth().oauth2(shortLived).get("/api/v1/journeys/x").then().statusCode(200);
        Thread.sleep(3500);
        given().auth().oauth2(shortLived).get("/api/v1/journeys/x")
                .then().statusCode(401).contentType("application/problem+json");
    }
}
