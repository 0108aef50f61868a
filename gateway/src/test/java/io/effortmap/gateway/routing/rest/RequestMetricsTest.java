package io.effortmap.gateway.routing.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.Test;

/** Request metrics are tagged with the route prefix, never with the ids in the path. */
@QuarkusTest
@WithTestResource(TestOidcResource.class)
@WithTestResource(EchoUpstreamResource.class)
class RequestMetricsTest {

    /** Prometheus scrapes the management interface, not the public port. */
    @TestHTTPResource(value = "metrics", management = true)
    URL metricsUrl;

    @Test
    void proxiedRequestsAreTimedPerRoutePrefix() {
        given().auth().oauth2(TestTokens.admin("ws-a")).get("/api/v1/journeys/metrics-id-4711/versions")
                .then().statusCode(200);
        given().auth().oauth2(TestTokens.admin("ws-a")).get("/api/v1/no-such-prefix/metrics-id-4712")
                .then().statusCode(404);
        given().header("X-Forwarded-For", "192.0.2.78").get("/api/v1/public/surveys/metrics-secret-4713")
                .then().statusCode(200);

        String metrics = given().get(metricsUrl.toString()).then().statusCode(200).extract().asString();
        assertThat(metrics)
                .contains("http_server_requests_seconds_count{method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/api/v1/journeys\"}")
                .contains("status=\"404\",uri=\"/api/v1/*\"")
                .contains("uri=\"/api/v1/public\"")
                .doesNotContain("metrics-id-4711").doesNotContain("metrics-id-4712").doesNotContain("metrics-secret-4713")
                .doesNotContain("$1");
    }
}
