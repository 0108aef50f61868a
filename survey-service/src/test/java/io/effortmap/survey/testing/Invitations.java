package io.effortmap.survey.testing;

import static io.restassured.RestAssured.given;

import io.effortmap.testsupport.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.Map;

/** Invitations created through the API. */
public final class Invitations {

    private Invitations() {
    }

    /** Creates an invitation as a partner of the workspace; answers the body (with {@code id} and {@code token}). */
    public static JsonPath create(String workspace, String surveyId, String customerId, String interactionId) {
        Map<String, Object> body = new HashMap<>(Map.of("surveyId", surveyId, "customerId", customerId));
        if (interactionId != null) {
            body.put("interactionId", interactionId);
        }
        return given().auth().oauth2(TestTokens.partner(workspace)).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/invitations")
                .then().statusCode(201)
                .extract().jsonPath();
    }
}
