package io.effortmap.journey.persona;

import static io.effortmap.journey.support.TestData.bearer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.effortmap.journey.support.TestData;
import io.effortmap.testsupport.MongoResource;
import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(MongoResource.class)
@WithTestResource(TestOidcResource.class)
class PersonaResourceTest {

    public static Map<String, Object> personaBody(String name) {
        return Map.of("name", name, "description", "Shops on the phone in short breaks",
                "goals", List.of("Order in under 2 minutes"), "frustrations", List.of("Forms that forget input"),
                "segments", Map.of("region", "EU", "plan", "gold"));
    }

    public static JsonPath createPersona(String token, String name) {
        return given().header("Authorization", bearer(token)).contentType(ContentType.JSON).body(personaBody(name))
                .when().post("/api/v1/personas").then().statusCode(201).extract().jsonPath();
    }

    private static ExtractableResponse<Response> put(String token, String id, String ifMatch, Object body) {
        var request = given().header("Authorization", bearer(token)).contentType(ContentType.JSON).body(body);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.when().put("/api/v1/personas/{id}", id).then().extract();
    }

    @Test
    void createdPersonaIsReadableWithItsVersionAsEtag() {
        String ws = TestData.workspace();
        ExtractableResponse<Response> created = given().header("Authorization", bearer(TestTokens.admin(ws)))
                .contentType(ContentType.JSON).body(personaBody("Busy parent"))
                .when().post("/api/v1/personas").then().statusCode(201).extract();
        String id = created.jsonPath().getString("id");
        assertThat(id).matches("^pe_[A-Za-z0-9_-]{12}$");
        assertThat(created.header("Location")).isEqualTo("/api/v1/personas/" + id);
        assertThat(created.header("ETag")).isEqualTo("\"1\"");

        for (String token : List.of(TestTokens.admin(ws), TestTokens.analyst(ws))) {
            JsonPath read = given().header("Authorization", bearer(token)).when().get("/api/v1/personas/{id}", id)
                    .then().statusCode(200).header("ETag", "\"1\"").extract().jsonPath();
            assertThat(read.getMap("")).isEqualTo(created.jsonPath().getMap(""));
            assertThat(read.getList("goals")).containsExactly("Order in under 2 minutes");
            assertThat(read.getMap("segments")).isEqualTo(Map.of("region", "EU", "plan", "gold"));
        }
    }

    @Test
    void onlyAdminsWriteAndCrmPartnersCannotRead() {
        String ws = TestData.workspace();
        String id = createPersona(TestTokens.admin(ws), "P").getString("id");
        given().header("Authorization", bearer(TestTokens.analyst(ws))).contentType(ContentType.JSON)
                .body(personaBody("X")).when().post("/api/v1/personas").then().statusCode(403);
        assertThat(put(TestTokens.analyst(ws), id, "\"1\"", personaBody("X")).statusCode()).isEqualTo(403);
        given().header("Authorization", bearer(TestTokens.partner(ws))).when().get("/api/v1/personas/{id}", id)
                .then().statusCode(403);
        given().header("Authorization", bearer(TestTokens.partner(ws))).when().get("/api/v1/personas")
                .then().statusCode(403);
        given().when().get("/api/v1/personas").then().statusCode(401);
    }

    @Test
    void replaceRequiresIfMatchAndRejectsStaleVersions() {
        String ws = TestData.workspace();
        String admin = TestTokens.admin(ws);
        String id = createPersona(admin, "Busy parent").getString("id");

        ExtractableResponse<Response> missing = put(admin, id, null, personaBody("Renamed"));
        assertThat(missing.statusCode()).isEqualTo(428);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(missing.jsonPath().getString("detail")).contains("If-Match");

        ExtractableResponse<Response> updated = put(admin, id, "\"1\"", personaBody("Renamed"));
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(updated.header("ETag")).isEqualTo("\"2\"");
        assertThat(updated.jsonPath().getString("name")).isEqualTo("Renamed");
        assertThat(updated.jsonPath().getLong("version")).isEqualTo(2);

        ExtractableResponse<Response> stale = put(admin, id, "\"1\"", personaBody("Lost update"));
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(stale.contentType()).startsWith("application/problem+json");
        given().header("Authorization", bearer(admin)).when().get("/api/v1/personas/{id}", id)
                .then().statusCode(200).body("name", equalTo("Renamed"));

        assertThat(put(admin, id, "not-an-etag", personaBody("X")).jsonPath().getList("errors.field"))
                .containsExactly("If-Match");
        assertThat(put(admin, id, "W/\"2\"", personaBody("Weak tag accepted")).statusCode()).isEqualTo(200);
    }

    @Test
    void replaceValidatesTheBodyAndNamesFields() {
        String ws = TestData.workspace();
        String admin = TestTokens.admin(ws);
        String id = createPersona(admin, "P").getString("id");
        Map<String, Object> body = new HashMap<>(personaBody(""));
        body.put("goals", Collections.nCopies(21, "g"));
        body.put("segments", Map.of("$where", "1"));
        ExtractableResponse<Response> invalid = put(admin, id, "\"1\"", body);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.jsonPath().getList("errors.field")).containsExactly("goals", "name", "segments[$where]");
    }

    @Test
    void sizesAreBounded() {
        String ws = TestData.workspace();
        Map<String, Object> body = new HashMap<>(personaBody("x".repeat(201)));
        body.put("frustrations", List.of("y".repeat(301)));
        body.put("description", "z".repeat(2001));
        given().header("Authorization", bearer(TestTokens.admin(ws))).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/personas")
                .then().statusCode(400).body("errors.field", contains("description", "frustrations[0]", "name"));
    }

    @Test
    void deleteNeedsTheCurrentVersionAndIsRefusedWhileAJourneyUsesThePersona() {
        String ws = TestData.workspace();
        String admin = TestTokens.admin(ws);
        String used = createPersona(admin, "Used").getString("id");
        String unused = createPersona(admin, "Unused").getString("id");
        Map<String, Object> journey = new HashMap<>(TestData.journeyBody("J"));
        journey.put("personaIds", List.of(used));
        given().header("Authorization", bearer(admin)).contentType(ContentType.JSON).body(journey)
                .when().post("/api/v1/journeys").then().statusCode(201).body("personaIds", contains(used));

        given().header("Authorization", bearer(admin)).when().delete("/api/v1/personas/{id}", unused)
                .then().statusCode(428);
        given().header("Authorization", bearer(admin)).header("If-Match", "\"7\"")
                .when().delete("/api/v1/personas/{id}", unused).then().statusCode(412);
        given().header("Authorization", bearer(admin)).header("If-Match", "\"1\"")
                .when().delete("/api/v1/personas/{id}", used)
                .then().statusCode(409).body("detail", containsString("journey"));
        given().header("Authorization", bearer(admin)).header("If-Match", "\"1\"")
                .when().delete("/api/v1/personas/{id}", unused).then().statusCode(204);
        given().header("Authorization", bearer(admin)).when().get("/api/v1/personas/{id}", unused).then().statusCode(404);
        given().header("Authorization", bearer(admin)).header("If-Match", "\"1\"")
                .when().delete("/api/v1/personas/{id}", unused).then().statusCode(404);
    }

    @Test
    void journeysMayOnlyReferencePersonasOfTheirWorkspace() {
        String ws = TestData.workspace();
        String other = createPersona(TestTokens.admin(TestData.workspace()), "Elsewhere").getString("id");
        String mine = createPersona(TestTokens.admin(ws), "Mine").getString("id");
        Map<String, Object> journey = new HashMap<>(TestData.journeyBody("J"));
        journey.put("personaIds", List.of(mine, other, "pe_doesnotexist"));
        given().header("Authorization", bearer(TestTokens.admin(ws))).contentType(ContentType.JSON).body(journey)
                .when().post("/api/v1/journeys")
                .then().statusCode(422).body("errors.field", contains("personaIds[1]", "personaIds[2]"))
                .body("errors[0].message", equalTo("is not a persona of this workspace"));
        journey.put("personaIds", List.of(mine, mine));
        given().header("Authorization", bearer(TestTokens.admin(ws))).contentType(ContentType.JSON).body(journey)
                .when().post("/api/v1/journeys")
                .then().statusCode(422).body("errors.field", contains("personaIds[1]"));
    }

    @Test
    void personasOfAnotherWorkspaceAreNotFoundAndListsArePaginated() {
        String ws = TestData.workspace();
        String admin = TestTokens.admin(ws);
        for (int i = 0; i < 3; i++) {
            createPersona(admin, "P" + i);
        }
        String foreign = createPersona(TestTokens.admin(TestData.workspace()), "Foreign").getString("id");
        given().header("Authorization", bearer(admin)).when().get("/api/v1/personas/{id}", foreign).then().statusCode(404);
        assertThat(put(admin, foreign, "\"1\"", personaBody("Hijack")).statusCode()).isEqualTo(404);

        JsonPath first = given().header("Authorization", bearer(admin)).queryParam("limit", 2)
                .when().get("/api/v1/personas").then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("items")).hasSize(2);
        JsonPath second = given().header("Authorization", bearer(admin)).queryParam("limit", 2)
                .queryParam("after", first.getString("next"))
                .when().get("/api/v1/personas").then().statusCode(200).extract().jsonPath();
        assertThat(second.getList("items")).hasSize(1);
        assertThat(second.getString("next")).isNull();
        given().header("Authorization", bearer(admin)).queryParam("limit", 0).when().get("/api/v1/personas")
                .then().statusCode(400).body("errors.field", contains("limit"));
    }
}
