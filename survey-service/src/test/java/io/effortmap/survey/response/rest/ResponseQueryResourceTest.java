package io.effortmap.survey.response.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.effortmap.survey.testing.Fixtures;
import io.effortmap.survey.testing.JourneyStubResource;
import io.effortmap.testsupport.PostgresResource;
import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(TestOidcResource.class)
@WithTestResource(JourneyStubResource.class)
class ResponseQueryResourceTest {

    private static final String WS = "ws-read";
    private static final Instant T0 = Instant.parse("2026-10-01T10:00:00Z");
    private static final String NASTY = "Said \"never again\", then\r\nleft; also: a,b";

    private String surveyId;
    private String touchpointId;

    @BeforeEach
    void activeSurvey() {
        surveyId = Fixtures.activeSurvey(WS);
        touchpointId = given().auth().oauth2(TestTokens.admin(WS)).get("/api/v1/surveys/" + surveyId)
                .then().extract().path("touchpointId");
    }

    /** A bulk item: CES {@code ces}, CSAT 5, an optional comment, occurring {@code minutes} after T0. */
    private Map<String, Object> item(String customer, int minutes, int ces, String comment, String region) {
        List<Map<String, Object>> answers = new ArrayList<>(List.of(
                Map.of("questionKey", "ces", "score", ces),
                Map.of("questionKey", "csat", "score", 5)));
        if (comment != null) {
            answers.add(Map.of("questionKey", "comment", "text", comment));
        }
        return Map.of("externalId", "ext-" + UUID.randomUUID(), "surveyId", surveyId, "customerId", customer,
                "channel", "email", "occurredAt", T0.plus(minutes, ChronoUnit.MINUTES).toString(),
                "segments", Map.of("region", region), "answers", answers);
    }

    private static void store(List<Map<String, Object>> items) {
        given().auth().oauth2(TestTokens.partner(WS)).contentType(ContentType.JSON).body(Map.of("items", items))
                .when().post("/api/v1/responses/bulk")
                .then().statusCode(200).body("accepted", equalTo(items.size()));
    }

    private RequestSpecification analyst() {
        return given().auth().oauth2(TestTokens.analyst(WS)).queryParam("surveyId", surveyId);
    }

    private void fourResponses() {
        store(List.of(
                item("a", 0, 1, "Awful", "EU"),
                item("b", 10, 4, null, "US"),
                item("c", 20, 7, "Great", "EU"),
                item("d", 30, 6, null, "APAC")));
    }

    // ---- list ---------------------------------------------------------------------------------------------------

    @Test
    void listAnswersNewestFirstWithAnswers() {
        fourResponses();
        analyst().when().get("/api/v1/responses")
                .then().statusCode(200)
                .body("items.customerId", contains("d", "c", "b", "a"))
                .body("items[1].answers.questionKey", contains("ces", "csat", "comment"))
                .body("items[1].answers[2].text", equalTo("Great"))
                .body("items[1].segments.region", equalTo("EU"))
                .body("items[1].touchpointId", equalTo(touchpointId))
                .body("next", nullValue());
    }

    @Test
    void listFiltersByTimeScoreCommentAndSegment() {
        fourResponses();
        analyst().queryParam("from", T0.plus(10, ChronoUnit.MINUTES).toString())
                .queryParam("to", T0.plus(30, ChronoUnit.MINUTES).toString())
                .get("/api/v1/responses").then().statusCode(200).body("items.customerId", contains("c", "b"));
        analyst().queryParam("questionKey", "ces").queryParam("minScore", 4).queryParam("maxScore", 6)
                .get("/api/v1/responses").then().statusCode(200).body("items.customerId", contains("d", "b"));
        analyst().queryParam("questionKey", "ces").queryParam("maxScore", 1)
                .get("/api/v1/responses").then().statusCode(200).body("items.customerId", contains("a"));
        analyst().queryParam("hasComment", "true")
                .get("/api/v1/responses").then().statusCode(200).body("items.customerId", contains("c", "a"));
        analyst().queryParam("hasComment", "false")
                .get("/api/v1/responses").then().statusCode(200).body("items.customerId", contains("d", "b"));
        analyst().queryParam("segment", "region:EU")
                .get("/api/v1/responses").then().statusCode(200).body("items.customerId", contains("c", "a"));
        analyst().queryParam("segment", "region:EU").queryParam("hasComment", "true").queryParam("questionKey", "ces")
                .queryParam("minScore", 5)
                .get("/api/v1/responses").then().statusCode(200).body("items.customerId", contains("c"));
        given().auth().oauth2(TestTokens.analyst(WS)).queryParam("touchpointId", touchpointId)
                .get("/api/v1/responses").then().statusCode(200).body("items.customerId", contains("d", "c", "b", "a"));
    }

    @Test
    void filterValuesAreBoundNeverSpliced() {
        fourResponses();
        analyst().queryParam("touchpointId", "x' OR '1'='1")
                .get("/api/v1/responses").then().statusCode(400).body("errors.field", contains("touchpointId"));
        analyst().queryParam("segment", "region:EU\"}'::jsonb OR true --")
                .get("/api/v1/responses").then().statusCode(200).body("items", empty());
    }

    @Test
    void pagesAreStableAcrossTiesOfOccurredAt() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            items.add(item("tie-" + i, 5, 3, null, "EU"));
        }
        store(items);
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            var request = analyst().queryParam("limit", 3);
            if (after != null) {
                request.queryParam("after", after);
            }
            var page = request.get("/api/v1/responses").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id"));
            after = page.getString("next");
            pages++;
        } while (after != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(7).doesNotHaveDuplicates();
        assertThat(seen).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void badParametersAre400NamingEachOne() {
        given().auth().oauth2(TestTokens.analyst(WS))
                .queryParam("surveyId", "nope").queryParam("from", "yesterday").queryParam("minScore", "high")
                .queryParam("hasComment", "maybe").queryParam("segment", "region")
                .when().get("/api/v1/responses")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Bad Request"))
                .body("status", equalTo(400))
                .body("detail", equalTo("6 fields are invalid"))
                .body("instance", equalTo("/api/v1/responses"))
                .body("errors.field", contains("surveyId", "from", "minScore", "questionKey", "hasComment", "segment"))
                .body("errors.message", contains("must be a UUID",
                        "must be an ISO-8601 date-time with offset, e.g. 2026-11-01T00:00:00Z",
                        "must be a whole number", "is required with minScore or maxScore", "must be true or false",
                        "must be key:value, e.g. region:EU"));
        for (String limit : List.of("0", "101", "x")) {
            analyst().queryParam("limit", limit).get("/api/v1/responses").then().statusCode(400)
                    .body("errors.field", contains("limit"))
                    .body("errors[0].message", equalTo("must be a whole number from 1 to 100"));
        }
        analyst().queryParam("after", "garbage!").get("/api/v1/responses").then().statusCode(400)
                .body("errors.field", contains("after"))
                .body("errors[0].message", equalTo("is not a cursor returned by this endpoint"));
        analyst().queryParam("from", T0.toString()).queryParam("to", T0.toString()).get("/api/v1/responses")
                .then().statusCode(400).body("errors.field", contains("to"));
    }

    @Test
    void responsesOfOtherWorkspacesAreNeverListed() {
        fourResponses();
        given().auth().oauth2(TestTokens.analyst("ws-elsewhere")).queryParam("surveyId", surveyId)
                .get("/api/v1/responses").then().statusCode(200).body("items", empty());
    }

    // ---- export -------------------------------------------------------------------------------------------------

    @Test
    void csvExportOfThousandsOfResponsesIsCompleteAndWellFormed() {
        int total = 2500;
        Set<String> customers = new HashSet<>();
        for (int batch = 0; batch < total / 500; batch++) {
            List<Map<String, Object>> items = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                int n = batch * 500 + i;
                customers.add("cust-" + n);
                items.add(item("cust-" + n, n % 600, 1 + n % 7, n % 3 == 0 ? NASTY + " #" + n : null,
                        n % 2 == 0 ? "EU" : "US"));
            }
            store(items);
        }

        var response = given().auth().oauth2(TestTokens.analyst(WS)).queryParam("surveyId", surveyId)
                .when().get("/api/v1/responses/export")
                .then().statusCode(200)
                .header("Content-Type", org.hamcrest.Matchers.startsWith("text/csv"))
                .header("Content-Disposition", org.hamcrest.Matchers.matchesPattern(
                        "attachment; filename=\"responses-\\d{4}-\\d{2}-\\d{2}\\.csv\""))
                .extract();
        List<List<String>> rows = Rfc4180.parse(response.asString());
        assertThat(rows.getFirst()).containsExactly("id", "surveyId", "journeyId", "touchpointId", "customerId",
                "channel", "interactionId", "occurredAt", "receivedAt", "segments", "ces", "csat", "comment");
        List<List<String>> data = rows.subList(1, rows.size());
        assertThat(data).hasSize(total).allMatch(row -> row.size() == 13);
        assertThat(data.stream().map(row -> row.get(0)).distinct()).hasSize(total);
        assertThat(data.stream().map(row -> row.get(4))).containsExactlyInAnyOrderElementsOf(customers);
        List<String> row3 = data.stream().filter(row -> row.get(4).equals("cust-3")).findFirst().orElseThrow();
        assertThat(row3.get(1)).isEqualTo(surveyId);
        assertThat(row3.get(5)).isEqualTo("email");
        assertThat(row3.get(9)).isEqualTo("{\"region\":\"US\"}");
        assertThat(row3.get(10)).isEqualTo("4");
        assertThat(row3.get(11)).isEqualTo("5");
        assertThat(row3.get(12)).isEqualTo(NASTY + " #3");
        List<String> row4 = data.stream().filter(row -> row.get(4).equals("cust-4")).findFirst().orElseThrow();
        assertThat(row4.get(12)).isEmpty();
    }

    @Test
    void ndjsonExportWritesOneResponsePerLineAndHonoursFilters() throws Exception {
        for (int batch = 0; batch < 2; batch++) {
            List<Map<String, Object>> items = new ArrayList<>();
            for (int i = batch * 600; i < (batch + 1) * 600; i++) {
                items.add(item("n-" + i, i % 50, 1 + i % 7, i % 2 == 0 ? "c" + i : null, "EU"));
            }
            store(items);
        }
        var response = given().auth().oauth2(TestTokens.analyst(WS)).queryParam("surveyId", surveyId)
                .queryParam("format", "ndjson").queryParam("hasComment", "true")
                .when().get("/api/v1/responses/export")
                .then().statusCode(200)
                .header("Content-Type", org.hamcrest.Matchers.startsWith("application/x-ndjson"))
                .header("Content-Disposition", org.hamcrest.Matchers.endsWith(".ndjson\""))
                .extract().asString();
        assertThat(response).endsWith("\n");
        String[] lines = response.split("\n");
        assertThat(lines).hasSize(600);
        ObjectMapper mapper = new ObjectMapper();
        Set<String> ids = new HashSet<>();
        for (String line : lines) {
            JsonNode node = mapper.readTree(line);
            ids.add(node.get("id").asText());
            assertThat(node.get("answers").size()).isEqualTo(3);
            assertThat(node.get("surveyId").asText()).isEqualTo(surveyId);
        }
        assertThat(ids).hasSize(600);
    }

    @Test
    void csvExportOfNothingIsJustTheHeader() {
        String body = given().auth().oauth2(TestTokens.analyst(WS)).queryParam("surveyId", surveyId)
                .get("/api/v1/responses/export").then().statusCode(200).extract().asString();
        assertThat(body).isEqualTo("id,surveyId,journeyId,touchpointId,customerId,channel,interactionId,occurredAt,"
                + "receivedAt,segments\r\n");
    }

    @Test
    void exportRejectsBadFormatAndFiltersWithProblems() {
        given().auth().oauth2(TestTokens.analyst(WS)).queryParam("format", "xlsx")
                .get("/api/v1/responses/export").then().statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Bad Request"))
                .body("status", equalTo(400))
                .body("detail", equalTo("format: must be csv or ndjson"))
                .body("instance", equalTo("/api/v1/responses/export"))
                .body("errors.field", contains("format"));
        given().auth().oauth2(TestTokens.analyst(WS)).queryParam("minScore", "3")
                .get("/api/v1/responses/export").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("questionKey"));
    }

    // ---- security -----------------------------------------------------------------------------------------------

    @Test
    void onlyAnalystsAndAdminsReadResponses() {
        for (String path : List.of("/api/v1/responses", "/api/v1/responses/export")) {
            given().auth().oauth2(TestTokens.partner(WS)).get(path).then().statusCode(403)
                    .contentType("application/problem+json").body("title", equalTo("Forbidden"));
            given().auth().oauth2(TestTokens.service()).get(path).then().statusCode(403);
            given().get(path).then().statusCode(401).header("WWW-Authenticate", "Bearer");
            given().auth().oauth2(TestTokens.admin(WS)).get(path).then().statusCode(200);
        }
    }

    /** A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes; fails on anything malformed. */
    static final class Rfc4180 {
        static List<List<String>> parse(String text) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            int i = 0;
            boolean quoted = false;
            boolean fieldStart = true;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"') {
                        if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                            continue;
                        }
                        quoted = false;
                        char next = i + 1 < text.length() ? text.charAt(i + 1) : '\r';
                        if (next != ',' && next != '\r') {
                            throw new IllegalArgumentException("Text after a closing quote at " + i);
                        }
                    } else {
                        field.append(c);
                    }
                    i++;
                    continue;
                }
                if (c == '"' && fieldStart) {
                    quoted = true;
                    fieldStart = false;
                    i++;
                } else if (c == ',') {
                    row.add(field.toString());
                    field.setLength(0);
                    fieldStart = true;
                    i++;
                } else if (c == '\r') {
                    if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
                        throw new IllegalArgumentException("Bare CR at " + i);
                    }
                    row.add(field.toString());
                    field.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                    fieldStart = true;
                    i += 2;
                } else if (c == '\n' || c == '"') {
                    throw new IllegalArgumentException("Unquoted " + (c == '"' ? "quote" : "LF") + " at " + i);
                } else {
                    field.append(c);
                    fieldStart = false;
                    i++;
                }
            }
            if (quoted || !row.isEmpty() || field.length() > 0) {
                throw new IllegalArgumentException("The last record does not end with CRLF");
            }
            return rows;
        }
    }
}
