package io.effortmap.gateway.routing.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Upstreams over TLS: the scheme comes from the configured URL, and their certificates are verified. */
@QuarkusTest
@WithTestResource(TestOidcResource.class)
@WithTestResource(HttpsUpstreamResource.class)
class HttpsUpstreamTest {

    private static final String ADMIN = TestTokens.admin("ws-a");

    @Test
    void requestsReachAnHttpsUpstreamOverTls() {
        given().auth().oauth2(ADMIN).queryParam("status", "ACTIVE").get("/api/v1/surveys/abc")
                .then().statusCode(200)
                .body("tls", equalTo(true))
                .body("uri", equalTo("/api/v1/surveys/abc?status=ACTIVE"))
                .body("host", startsWith("localhost:"));
    }

    @Test
    void bodiesAreStreamedOverTlsToo() {
        given().auth().oauth2(ADMIN).contentType("application/json").body(new byte[300_000])
                .post("/api/v1/journeys").then().statusCode(200).body("bodyLength", equalTo(300_000));
    }

    @Test
    void anUpstreamWhoseCertificateIsNotTrustedIsNeverCalled() {
        given().auth().oauth2(ADMIN).get("/api/v1/metrics/anything")
                .then().statusCode(503).contentType("application/problem+json")
                .body("detail", startsWith("metrics is unavailable"));
    }
}
