package io.effortmap.gateway.routing.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
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
        given().auth().oauth2(ADMIN).contentType("application/octet-stream").body(body)
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
                .body("detail", equalTo("metrics is unavailable"));
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
}
