package io.effortmap.journey.security;

import static io.effortmap.journey.support.TestData.bearer;
import static io.effortmap.journey.support.TestData.interaction;
import static io.effortmap.journey.support.TestData.journeyBody;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Operator-looking input in every string field and parameter is harmless: a JSON object where a string belongs is a
 * type error naming the field (400), and a string is only ever a value. It is stored and read back literally, or
 * matches nothing, and never reveals or touches another workspace's or customer's data.
 */
@QuarkusTest
@WithTestResource(MongoResource.class)
@WithTestResource(TestOidcResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NoSqlInjectionTest {

    /** Strings that would be operators or code if they ever reached a query as anything but a value. */
    static final List<String> STRINGS = List.of("$where", "$gt", "{\"$gt\":\"\"}", "{\"$ne\":null}",
            "'; return true; var x='", "this.workspace != ''");
    /** JSON values that are query operators when a driver is handed a parsed document. */
    static final List<Object> OBJECTS = List.of(Map.of("$gt", ""), mapOf("$ne", null), Map.of("$where", "1 == 1"),
            List.of(Map.of("$regex", ".*")));

    String ws;
    String admin;
    String journeyId;
    String touchpointId;
    String seedInteraction;

    private static Map<String, Object> mapOf(String key, Object value) {
        Map<String, Object> m = new HashMap<>();
        m.put(key, value);
        return m;
    }

    /** Once per class; in @BeforeEach because REST Assured learns the test port only per test. */
    @BeforeEach
    void data() {
        if (ws != null) {
            return;
        }
        ws = TestData.workspace();
        admin = TestTokens.admin(ws);
        JsonPath journey = TestData.createJourney(ws, admin);
        journeyId = journey.getString("id");
        touchpointId = journey.getString("stages[0].touchpoints[0].id");
        seedInteraction = given().header("Authorization", bearer(TestTokens.partner(ws))).contentType(ContentType.JSON)
                .body(List.of(interaction("seed", journeyId, touchpointId)))
                .when().post("/api/v1/interactions").then().statusCode(200).extract().jsonPath().getString("results[0].id");
        // Data of another workspace that an injection could try to reach.
        String other = TestData.workspace();
        TestData.createJourney(other, TestTokens.admin(other));
    }

    /** A body field: how to put a value into a fresh body, and the field name errors must carry. */
    record Field(String endpoint, String field, Function<Object, Object> body) {
        @Override
        public String toString() {
            return endpoint + " " + field;
        }
    }

    @SuppressWarnings("unchecked")
    static Stream<Field> bodyFields() {
        List<Field> fields = new ArrayList<>();
        for (String f : List.of("name", "description", "owner")) {
            fields.add(new Field("journey", f, v -> with(journeyBody("J"), f, v)));
        }
        for (String f : List.of("name", "ownerTeam", "description")) {
            fields.add(new Field("journey", "stages[0].touchpoints[0]." + f, v -> {
                Map<String, Object> tp = new HashMap<>(TestData.touchpoint("T", "web"));
                tp.put(f, v);
                return Map.of("name", "J", "stages", List.of(Map.of("name", "S", "touchpoints", List.of(tp))));
            }));
        }
        fields.add(new Field("journey", "stages[0].name", v -> Map.of("name", "J", "stages", List.of(mapOf("name", v)))));
        fields.add(new Field("journey", "stages[0].touchpoints[0].painPoints[0]", v -> {
            Map<String, Object> tp = new HashMap<>(TestData.touchpoint("T", "web"));
            tp.put("painPoints", List.of(v));
            return Map.of("name", "J", "stages", List.of(Map.of("name", "S", "touchpoints", List.of(tp))));
        }));
        for (String f : List.of("name", "description")) {
            fields.add(new Field("persona", f, v -> with(persona(), f, v)));
        }
        fields.add(new Field("persona", "goals[0]", v -> with(persona(), "goals", List.of(v))));
        fields.add(new Field("persona", "segments[region]", v -> with(persona(), "segments", mapOf("region", v))));
        for (String f : List.of("externalId", "customerId")) {
            fields.add(new Field("interaction", f, v -> mapOf(f, v)));
        }
        fields.add(new Field("interaction", "segments[region]", v -> Map.of("segments", mapOf("region", v))));
        return fields.stream();
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.put(field, value);
        return copy;
    }

    private static Map<String, Object> persona() {
        return Map.of("name", "P", "goals", List.of("g"), "segments", Map.of("region", "EU"));
    }

    static Stream<Arguments> objectsInBodyFields() {
        return bodyFields().flatMap(f -> OBJECTS.stream().map(o -> Arguments.of(f, o)));
    }

    static Stream<Arguments> stringsInBodyFields() {
        return bodyFields().flatMap(f -> STRINGS.stream().map(s -> Arguments.of(f, s)));
    }

    @SuppressWarnings("unchecked")
    private ExtractableResponse<Response> send(Field field, Object value) {
        Object body = field.body().apply(value);
        return switch (field.endpoint()) {
            case "journey" -> given().header("Authorization", bearer(admin)).contentType(ContentType.JSON).body(body)
                    .when().post("/api/v1/journeys").then().extract();
            case "persona" -> given().header("Authorization", bearer(admin)).contentType(ContentType.JSON).body(body)
                    .when().post("/api/v1/personas").then().extract();
            default -> {
                Map<String, Object> item = new LinkedHashMap<>(interaction("inj-" + System.nanoTime(), journeyId, touchpointId));
                item.putAll((Map<String, Object>) body);
                yield given().header("Authorization", bearer(TestTokens.partner(ws))).contentType(ContentType.JSON)
                        .body(List.of(item)).when().post("/api/v1/interactions").then().extract();
            }
        };
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("objectsInBodyFields")
    void operatorObjectsWhereStringsBelongAreRejectedNamingTheField(Field field, Object operator) {
        ExtractableResponse<Response> response = send(field, operator);
        if (field.endpoint().equals("interaction")) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.jsonPath().getString("results[0].status")).isEqualTo("rejected");
            assertThat(response.jsonPath().getList("results[0].errors.field", String.class)).anyMatch(f -> names(f, field));
        } else {
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.jsonPath().getList("errors.field", String.class)).anyMatch(f -> names(f, field));
        }
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("stringsInBodyFields")
    void operatorLookingStringsAreStoredAndReadBackLiterally(Field field, String text) {
        ExtractableResponse<Response> response = send(field, text);
        switch (field.endpoint()) {
            case "journey" -> {
                assertThat(response.statusCode()).isEqualTo(201);
                JsonPath read = given().header("Authorization", bearer(admin))
                        .when().get(response.header("Location")).then().statusCode(200).extract().jsonPath();
                assertThat(read.getString(jsonPath(field.field()))).isEqualTo(text);
            }
            case "persona" -> {
                assertThat(response.statusCode()).isEqualTo(201);
                JsonPath read = given().header("Authorization", bearer(admin))
                        .when().get(response.header("Location")).then().statusCode(200).extract().jsonPath();
                assertThat(read.getString(jsonPath(field.field()))).isEqualTo(text);
            }
            default -> {
                assertThat(response.jsonPath().getString("results[0].status")).isEqualTo("accepted");
                if (field.field().equals("customerId")) {
                    // The literal customer has exactly this one interaction; the seeded customer is not matched.
                    JsonPath timeline = given().urlEncodingEnabled(false).header("Authorization", bearer(admin))
                            .when().get("/api/v1/customers/" + encode(text) + "/timeline")
                            .then().statusCode(200).extract().jsonPath();
                    assertThat(timeline.getList("items.id")).containsExactly(response.jsonPath().getString("results[0].id"));
                }
            }
        }
    }

    /** Type and constraint errors alike name a map entry {@code segments[region]}. */
    private static boolean names(String reported, Field field) {
        return reported.equals(field.field());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String jsonPath(String field) {
        return field.replace("segments[region]", "segments.region");
    }

    static Stream<Arguments> parameters() {
        List<Arguments> cases = new ArrayList<>();
        for (String s : STRINGS) {
            cases.add(Arguments.of("GET /api/v1/journeys/{id}", "/api/v1/journeys/{p}", Map.of(), s));
            cases.add(Arguments.of("GET /api/v1/personas/{id}", "/api/v1/personas/{p}", Map.of(), s));
            cases.add(Arguments.of("GET touchpoint", "/api/v1/journeys/{p}/touchpoints/{p}", Map.of(), s));
            cases.add(Arguments.of("GET versions/{n}", "/api/v1/journeys/{p}/versions/{p}", Map.of(), s));
            cases.add(Arguments.of("GET journeys?after", "/api/v1/journeys", Map.of("after", s), s));
            cases.add(Arguments.of("GET journeys?limit", "/api/v1/journeys", Map.of("limit", s), s));
            cases.add(Arguments.of("GET personas?after", "/api/v1/personas", Map.of("after", s), s));
            cases.add(Arguments.of("GET timeline", "/api/v1/customers/{p}/timeline", Map.of(), s));
            cases.add(Arguments.of("GET timeline?after", "/api/v1/customers/alice/timeline", Map.of("after", s), s));
            cases.add(Arguments.of("GET versions/diff?from", "/api/v1/journeys/{p}/versions/diff", Map.of("from", s, "to", "1"), s));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} with {3}")
    @MethodSource("parameters")
    void operatorLookingPathAndQueryParametersMatchNothing(String name, String path, Map<String, String> query, String value) {
        StringBuilder url = new StringBuilder(path.replace("{p}", encode(value)));
        String separator = "?";
        for (Map.Entry<String, String> q : query.entrySet()) {
            url.append(separator).append(q.getKey()).append('=').append(encode(q.getValue()));
            separator = "&";
        }
        ExtractableResponse<Response> response = given().urlEncodingEnabled(false).header("Authorization", bearer(admin))
                .when().get(url.toString()).then().extract();
        assertThat(response.statusCode()).as(response.asString()).isIn(200, 400, 404);
        assertThat(response.contentType()).startsWith(response.statusCode() == 200 ? "application/json" : "application/problem+json");
        if (response.statusCode() == 200) {
            // Only a customer literally named like the value may match (stored by the tests above), never the seed's.
            assertThat(response.jsonPath().getList("items.id")).as("an operator must not match other data")
                    .doesNotContain(seedInteraction, journeyId);
        }
        if (response.statusCode() == 400) {
            assertThat(response.jsonPath().getList("errors.field")).isNotEmpty();
        }
    }
}
