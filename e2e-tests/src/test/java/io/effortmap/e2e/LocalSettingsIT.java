package io.effortmap.e2e;

import static io.effortmap.e2e.RunningStack.adam;
import static io.effortmap.e2e.RunningStack.alice;
import static io.effortmap.e2e.RunningStack.config;
import static io.effortmap.e2e.RunningStack.crmAcme;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.effortmap.launcher.seed.DemoSeeder;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The settings {@code ./effortmap up} gives the services itself, as the stack the tests start is the same. */
@ExtendWith(RunningStack.class)
class LocalSettingsIT {

    @Test
    void theLocalStackSlicesMetricsByTheDemoDatasSegments() {
        for (String attribute : DemoSeeder.SEGMENT_ATTRIBUTES.split(",")) {
            given().auth().oauth2(adam).queryParam("scope", "workspace").queryParam("segment", attribute + ":EU")
                    .get("/api/v1/metrics/series")
                    .then().statusCode(200).body("slice", equalTo(attribute + "=EU"));
        }
    }

    @Test
    void invitationLinksPointAtTheStacksOwnGateway() {
        var journey = given().auth().oauth2(alice).contentType(ContentType.JSON)
                .body(Map.of("name", "Links", "stages", List.of(Map.of("name", "Care",
                        "touchpoints", List.of(Map.of("name", "Chat", "channel", "chat"))))))
                .post("/api/v1/journeys").then().statusCode(201).extract().jsonPath();
        String survey = given().auth().oauth2(alice).contentType(ContentType.JSON)
                .body(Map.of("name", "Links", "journeyId", journey.getString("id"),
                        "touchpointId", journey.getString("stages[0].touchpoints[0].id"),
                        "questions", List.of(Map.of("key", "ces", "kind", "CES"))))
                .post("/api/v1/surveys").then().statusCode(201).extract().path("id");
        given().auth().oauth2(alice).header("If-Match", "\"0\"").post("/api/v1/surveys/" + survey + "/activate")
                .then().statusCode(200);
        given().auth().oauth2(crmAcme).contentType(ContentType.JSON)
                .body(Map.of("surveyId", survey, "customerId", "c-links"))
                .post("/api/v1/invitations")
                .then().statusCode(201).body("link", startsWith(config.gatewayUrl() + "/s/"));
    }
}
