package io.effortmap.survey;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.effortmap.survey.testing.JourneyStub;
import io.effortmap.survey.testing.JourneyStubResource;
import io.effortmap.testsupport.PostgresResource;
import io.effortmap.testsupport.TestOidcResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(TestOidcResource.class)
@WithTestResource(JourneyStubResource.class)
class HealthTest {

    /** Health and the OpenAPI document are served on the management interface, not the API port. */
    @TestHTTPResource(value = "health/ready", management = true)
    URL readiness;

    @TestHTTPResource(value = "health/live", management = true)
    URL liveness;

    @AfterEach
    void journeyServiceBackToNormal() {
        JourneyStub.reset();
    }

    @Test
    void readinessChecksPostgresql() {
        given().when().get(readiness)
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("postgresql"));
    }

    @Test
    void livenessDependsOnNeitherTheDatabaseNorJourneyService() {
        JourneyStub.failing();
        given().when().get(liveness)
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", not(hasItem("postgresql")));
    }
}
