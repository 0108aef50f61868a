package io.effortmap.gateway.routing.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.effortmap.testsupport.RawHttp;
import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Paths that normalize differently from how they read ({@code /api/v1/public/../surveys} reads as a respondent call
 * and is routed as {@code /api/v1/surveys}) are refused with a 400 problem before any classification: no token
 * check is skipped, no respondent bucket is used, nothing is forwarded.
 */
@QuarkusTest
@WithTestResource(TestOidcResource.class)
@WithTestResource(EchoUpstreamResource.class)
class PathNormalizationTest {

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/public/../surveys", "/api/v1/public/surveys/../../surveys/abc",
            "/api/v1/public/%2e%2e/surveys", "/api/v1/public/%2E%2E/surveys", "/api/v1/public/.%2e/surveys",
            "/api/v1/public/./../surveys", "/api/v1/public;x=1/../surveys", "/api/v1/public/..;/surveys",
            "/api/v1/public/surveys/x/..;/..;/..;/surveys", "/api/v1/public%2f..%2fsurveys", "/api/v1/public%5c..%5csurveys",
            "//api/v1/public/../surveys", "/api/v1//public/../surveys",
            "/api/v1/public/surveys/%00", "/api/v1/surveys/..", "/api/v1/../v1/surveys"})
    void ambiguousPathIsRefusedBeforeAnyoneReadsIt(String path) {
        RawHttp.Answer answer = RawHttp.get(RestAssured.port, path);
        assertThat(answer.status()).as("%s: %s", path, answer.body()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(answer.body()).contains("\"status\":400").contains("Ambiguous path");
        // The path as a whole is at fault: named in errors[] like every other field, as the services name it.
        assertThat(answer.body()).contains("\"errors\":[{\"field\":\"path\",\"message\":\"");
        assertThat(answer.header("X-Upstream")).as("forwarded").isNull();
        assertThat(answer.header("RateLimit-Limit")).as("counted against a bucket").isNull();
        assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    /** A raw backslash is already refused by the HTTP server's request-line parser (a bare 400), never routed. */
    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/public\\..\\surveys", "/api/v1/public/surveys\\..\\..\\journeys"})
    void rawBackslashIsRefused(String path) {
        RawHttp.Answer answer = RawHttp.get(RestAssured.port, path);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("X-Upstream")).isNull();
    }

    /** A valid token does not make an ambiguous path acceptable either. */
    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/public/../journeys/x", "/api/v1/journeys/x/..", "/api/v1/journeys/x;a=b"})
    void ambiguousPathIsRefusedWithAValidTokenToo(String path) {
        RawHttp.Answer answer = RawHttp.get(RestAssured.port, path, "Authorization: Bearer " + TestTokens.admin("ws-a"));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("X-Upstream")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/public/surveys/token-1", "/api/v1/public/surveys/a.b", "/api/v1/public/surveys/%41bc"})
    void canonicalRespondentPathsStillReachTheServiceUnchanged(String path) {
        RawHttp.Answer answer = RawHttp.get(RestAssured.port, path, "X-Forwarded-For: 198.51.100.99");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("X-Upstream")).isEqualTo("echo");
        assertThat(answer.body()).contains("\"uri\":\"" + path + "\"");
    }
}
