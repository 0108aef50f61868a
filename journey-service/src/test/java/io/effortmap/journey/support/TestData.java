package io.effortmap.journey.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Request bodies and set-up calls shared by the REST tests. Each test works in its own fresh workspace. */
public final class TestData {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestData() {
    }

    public static String workspace() {
        byte[] b = new byte[5];
        RANDOM.nextBytes(b);
        return "ws-" + HexFormat.of().formatHex(b);
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    /** Two stages, four touchpoints: Discover (Landing page/web, Welcome mail/email), Buy (Checkout/web, Support call/phone). */
    public static Map<String, Object> journeyBody(String name) {
        return Map.of(
                "name", name,
                "description", "From first visit to first order",
                "owner", "cx-team@example.com",
                "stages", List.of(
                        Map.of("name", "Discover", "touchpoints", List.of(
                                touchpoint("Landing page", "web"),
                                touchpoint("Welcome mail", "email"))),
                        Map.of("name", "Buy", "touchpoints", List.of(
                                touchpoint("Checkout", "web"),
                                touchpoint("Support call", "phone")))));
    }

    public static Map<String, Object> touchpoint(String name, String channel) {
        Map<String, Object> tp = new HashMap<>();
        tp.put("name", name);
        tp.put("channel", channel);
        tp.put("ownerTeam", "Digital");
        tp.put("description", name + " of the shop");
        tp.put("painPoints", List.of("Slow to load"));
        tp.put("opportunities", List.of(Map.of("text", "Cache assets", "owner", "web-team", "status", "planned")));
        tp.put("expectedEmotion", 1);
        tp.put("targets", Map.of("CES", 5.5, "CSATShare", 0.8, "NPS", 30));
        return tp;
    }

    /** Creates the standard journey as cx-admin of the workspace and returns the response body. */
    public static JsonPath createJourney(String workspace, String adminToken) {
        return given().header("Authorization", bearer(adminToken)).contentType(ContentType.JSON)
                .body(journeyBody("Online purchase"))
                .when().post("/api/v1/journeys")
                .then().statusCode(201).extract().jsonPath();
    }

    public static Map<String, Object> interaction(String externalId, String journeyId, String touchpointId) {
        Map<String, Object> item = new HashMap<>();
        item.put("externalId", externalId);
        item.put("customerId", "cust-" + externalId);
        item.put("journeyId", journeyId);
        item.put("touchpointId", touchpointId);
        item.put("channel", "web");
        item.put("occurredAt", "2025-06-15T10:00:00Z");
        item.put("outcome", "resolved");
        item.put("durationSeconds", 120);
        item.put("segments", Map.of("region", "EU", "plan", "gold"));
        return item;
    }
}
