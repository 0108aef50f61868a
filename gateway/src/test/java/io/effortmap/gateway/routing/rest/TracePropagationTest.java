package io.effortmap.gateway.routing.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * W3C trace context through the gateway (OpenTelemetry): the service gets a {@code traceparent} in the caller's trace,
 * whose parent is the gateway's own span, or in a trace the gateway starts when the caller sent none.
 */
@QuarkusTest
@WithTestResource(TestOidcResource.class)
@WithTestResource(EchoUpstreamResource.class)
class TracePropagationTest {

    private static final String ADMIN = TestTokens.admin("ws-a");
    private static final String TRACEPARENT = "00-(?<trace>[0-9a-f]{32})-(?<span>[0-9a-f]{16})-(?<flags>[0-9a-f]{2})";

    @Test
    void theServiceIsCalledWithinTheCallersTraceUnderTheGatewaysSpan() {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        String callerSpan = "b7ad6b7169203331";
        String forwarded = given().auth().oauth2(ADMIN).header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                .get("/api/v1/journeys/x").then().statusCode(200).extract().path("traceparent");
        var parts = java.util.regex.Pattern.compile(TRACEPARENT).matcher(forwarded);
        assertThat(parts.matches()).as(forwarded).isTrue();
        assertThat(parts.group("trace")).isEqualTo(traceId);
        assertThat(parts.group("span")).isNotEqualTo(callerSpan).isNotEqualTo("0000000000000000");
        assertThat(parts.group("flags")).isEqualTo("01");
    }

    @Test
    void withoutATraceFromTheCallerTheGatewayStartsOneAndTheServiceJoinsIt() {
        String first = given().auth().oauth2(ADMIN).get("/api/v1/journeys/x").then().statusCode(200)
                .extract().path("traceparent");
        String second = given().auth().oauth2(ADMIN).get("/api/v1/journeys/x").then().statusCode(200)
                .extract().path("traceparent");
        assertThat(first).matches(TRACEPARENT);
        assertThat(second).matches(TRACEPARENT);
        assertThat(first.substring(3, 35)).as("each request its own trace").isNotEqualTo(second.substring(3, 35));
    }

    @Test
    void respondentRequestsAreTracedToo() {
        assertThat((String) given().get("/api/v1/public/surveys/some-token").then().statusCode(200)
                .extract().path("traceparent")).matches(TRACEPARENT);
    }
}
