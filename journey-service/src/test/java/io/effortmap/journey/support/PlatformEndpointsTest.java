package io.effortmap.journey.support;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.effortmap.testsupport.MongoResource;
import io.effortmap.testsupport.TestOidcResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(MongoResource.class)
@WithTestResource(TestOidcResource.class)
class PlatformEndpointsTest {

    /** Health and the OpenAPI document are served on the management interface, not the API port. */
    @TestHTTPResource(value = "health/ready", management = true)
    URL readiness;

    @TestHTTPResource(value = "health/live", management = true)
    URL liveness;

    @TestHTTPResource(value = "openapi", management = true)
    URL openApi;

    @Test
    void readinessChecksMongoAndItsIndexes() {
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().when().get(readiness)
                        .then().statusCode(200).body("status", equalTo("UP"))
                        .body("checks.name", hasItems("mongodb", "mongodb-indexes")));
    }

    @Test
    void livenessDependsOnNothingExternal() {
        given().when().get(liveness)
                .then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", everyItem(not(containsString("Mongo"))))
                .body("checks.name", everyItem(not(containsString("mongodb"))));
    }

    @Test
    void openApiDocumentDescribesThePublicAndInternalEndpoints() {
        given().queryParam("format", "json").when().get(openApi)
                .then().statusCode(200)
                .body(containsString("/api/v1/journeys/{journeyId}/touchpoints/{touchpointId}"))
                .body(containsString("/api/v1/interactions"))
                .body(containsString("/internal/v1/feed/interactions"));
    }
}
