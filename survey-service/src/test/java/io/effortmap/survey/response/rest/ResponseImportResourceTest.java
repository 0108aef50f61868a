package io.effortmap.survey.response.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.effortmap.survey.testing.Fixtures;
import io.effortmap.survey.testing.JourneyStubResource;
import io.effortmap.survey.testing.TestDb;
import io.effortmap.testsupport.PostgresResource;
import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(TestOidcResource.class)
@WithTestResource(JourneyStubResource.class)
class ResponseImportResourceTest {

    private static final String WS = "ws-import";
    private static final String IMPORT = "/api/v1/responses/import";
    private static final String FEED_START = "00000000000000000000:0000000000000000000";
    /** One required CES question (1-7) and an optional comment: a file's score column can answer it alone. */
    private static final List<Map<String, Object>> CES_ONLY = List.of(
            Map.of("key", "ces", "kind", "CES"),
            Map.of("key", "comment", "kind", "COMMENT", "required", false));
    private static final String GENERIC_HEADER = "external_id,respondent,submitted_at,score,comment";

    @TestHTTPResource("/")
    URI api;

    private String survey;

    @BeforeEach
    void activeCesSurvey() {
        survey = Fixtures.activeSurvey(WS, CES_ONLY);
    }

    private static ValidatableResponse upload(String token, byte[] csv, Map<String, ?> params) {
        return given().auth().oauth2(token).contentType("text/csv; charset=UTF-8").queryParams(params).body(csv)
                .when().post(IMPORT)
                .then();
    }

    private ValidatableResponse upload(byte[] csv, Map<String, ?> params) {
        Map<String, Object> withSurvey = new HashMap<>(params);
        withSurvey.putIfAbsent("surveyId", survey);
        return upload(TestTokens.partner(WS), csv, withSurvey);
    }

    private static byte[] csv(String... lines) {
        return (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sample(String name) {
        try (InputStream in = ResponseImportResourceTest.class.getResourceAsStream("/import/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ValidatableResponse stored(String id) {
        return given().auth().oauth2(TestTokens.analyst(WS)).when().get("/api/v1/responses/" + id)
                .then().statusCode(200);
    }

    private static long responsesOf(String surveyId) {
        return TestDb.count("select count(*) from response where survey_id = ?", UUID.fromString(surveyId));
    }

    private static void assertProblem(ValidatableResponse answer, int status, String field, String message) {
        answer.statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("instance", equalTo(IMPORT))
                .body("errors.field", contains(field))
                .body("errors[0].message", equalTo(message));
    }

    // ---- presets ----------------------------------------------------------------------------------------------

    @Test
    void genericExportIsStoredRowByRowWithQuotedFieldsAndTimesWithoutOffsetReadInTheGivenZone() {
        var answer = upload(sample("generic.csv"), Map.of("timeZone", "Europe/Paris"))
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("accepted", equalTo(3))
                .body("duplicates", equalTo(0))
                .body("rejected", equalTo(0))
                .body("results.row", contains(2, 3, 4))
                .body("results.externalId", contains("gen-1", "gen-2", "gen-3"))
                .body("results.status", everyItem(equalTo("accepted")))
                .body("results.id", everyItem(notNullValue()))
                .body("results.errors", everyItem(empty()))
                .extract();

        stored(answer.path("results[0].id"))
                .body("surveyId", equalTo(survey))
                .body("customerId", equalTo("cust-1"))
                .body("channel", equalTo("other"))
                .body("interactionId", nullValue())
                .body("occurredAt", equalTo("2025-11-03T10:00:00Z"))
                .body("answers", hasSize(1))
                .body("answers[0].questionKey", equalTo("ces"))
                .body("answers[0].score", equalTo(6))
                .body("answers[0].text", equalTo("Quick, thanks"));
        // No offset: 11:30 in Paris (UTC+1 in November); a quoted comment keeps its line break and doubled quotes.
        stored(answer.path("results[1].id"))
                .body("occurredAt", equalTo("2025-11-03T10:30:00Z"))
                .body("answers[0].score", equalTo(7))
                .body("answers[0].text", equalTo("Two lines:\r\nfirst, then \"second\""));
        // An offset in the cell wins over timeZone; an empty comment is no text.
        stored(answer.path("results[2].id"))
                .body("occurredAt", equalTo("2025-11-03T10:00:00Z"))
                .body("answers[0].text", nullValue());
        assertThat(responsesOf(survey)).isEqualTo(3);
    }

    @Test
    void qualtricsExportSkipsItsQuestionTextAndImportIdRowsAndReadsRecordedDateInTheGivenZone() {
        var answer = upload(sample("qualtrics.csv"), Map.of("preset", "qualtrics", "scoreColumn", "Q1",
                "commentColumn", "Q2_TEXT", "timeZone", "America/Denver", "channel", "email"))
                .statusCode(200)
                .body("accepted", equalTo(2))
                .body("rejected", equalTo(0))
                .body("results.row", contains(4, 5))
                .body("results.externalId", contains("R_1a2B3c4D5e6F7g8", "R_9z8Y7x6W5v4U3t2"))
                .body("results.status", contains("accepted", "accepted"))
                .extract();

        stored(answer.path("results[0].id"))
                .body("customerId", equalTo("jane@example.com"))
                .body("channel", equalTo("email"))
                .body("occurredAt", equalTo("2025-10-06T15:14:03Z"))
                .body("answers[0].questionKey", equalTo("ces"))
                .body("answers[0].score", equalTo(6))
                .body("answers[0].text", equalTo("Fast, but the link expired once"));
        stored(answer.path("results[1].id"))
                .body("customerId", equalTo("rick@example.com"))
                .body("occurredAt", equalTo("2025-10-06T23:41:56Z"))
                .body("answers[0].score", equalTo(2))
                .body("answers[0].text", nullValue());
    }

    @Test
    void qualtricsRespondentCanBeTheExternalReferenceInstead() {
        var answer = upload(sample("qualtrics.csv"), Map.of("preset", "QUALTRICS", "scoreColumn", "q1",
                "respondentColumn", "ExternalReference"))
                .statusCode(200)
                .body("accepted", equalTo(2))
                .extract();
        stored(answer.path("results[0].id"))
                .body("customerId", equalTo("crm-881"))
                .body("occurredAt", equalTo("2025-10-06T09:14:03Z"));
    }

    @Test
    void delightedExportReadsUnixSecondsAndIsoTimesIntoAnNpsQuestion() {
        String nps = Fixtures.activeSurvey(WS, List.of(Map.of("key", "nps", "kind", "NPS")));
        var answer = upload(sample("delighted.csv"), Map.of("surveyId", nps, "preset", "delighted"))
                .statusCode(200)
                .body("accepted", equalTo(3))
                .body("results.row", contains(2, 3, 4))
                .body("results.externalId", contains("9001", "9002", "9003"))
                .body("results.status", everyItem(equalTo("accepted")))
                .extract();

        stored(answer.path("results[0].id"))
                .body("surveyId", equalTo(nps))
                .body("customerId", equalTo("p-501"))
                .body("occurredAt", equalTo("2025-10-31T08:40:00Z"))
                .body("answers[0].questionKey", equalTo("nps"))
                .body("answers[0].score", equalTo(9))
                .body("answers[0].text", equalTo("Love the new app"));
        stored(answer.path("results[1].id"))
                .body("occurredAt", equalTo("2025-11-02T08:00:00Z"))
                .body("answers[0].score", equalTo(3))
                .body("answers[0].text", equalTo("Too slow, really"));
        stored(answer.path("results[2].id"))
                .body("occurredAt", equalTo("2025-11-01T09:40:00Z"))
                .body("answers[0].score", equalTo(10));
    }

    // ---- idempotency --------------------------------------------------------------------------------------------

    @Test
    void uploadingTheSameFileAgainReportsEveryRowAsDuplicateAndStoresNothing() {
        byte[] file = sample("generic.csv");
        Map<String, String> paris = Map.of("timeZone", "Europe/Paris");
        List<String> ids = upload(file, paris).statusCode(200).extract().path("results.id");

        upload(file, paris).statusCode(200)
                .body("accepted", equalTo(0))
                .body("duplicates", equalTo(3))
                .body("rejected", equalTo(0))
                .body("results.status", everyItem(equalTo("duplicate")))
                .body("results.id", equalTo(ids))
                .body("results.errors", everyItem(empty()));
        assertThat(responsesOf(survey)).isEqualTo(3);

        // Read in another zone, the row without an offset is other content under a used key: rejected, not stored.
        upload(file, Map.of("timeZone", "UTC")).statusCode(200)
                .body("duplicates", equalTo(2))
                .body("rejected", equalTo(1))
                .body("results.status", contains("duplicate", "rejected", "duplicate"))
                .body("results[1].id", nullValue())
                .body("results[1].errors.field", contains("external_id"))
                .body("results[1].errors[0].message",
                        equalTo("row 3: external_id gen-2 was already used for a different response"));
        assertThat(responsesOf(survey)).isEqualTo(3);
    }

    @Test
    void rowsWithoutAnIdColumnAreKeyedByTheirContent() {
        byte[] file = csv("respondent,submitted_at,score",
                "c-1,2025-11-03T10:00:00Z,5",
                "c-2,2025-11-03T10:05:00Z,6",
                "c-1,2025-11-03T10:00:00Z,5");
        var first = upload(file, Map.of()).statusCode(200)
                .body("accepted", equalTo(2))
                .body("duplicates", equalTo(1))
                .body("results.externalId", everyItem(nullValue()))
                .body("results.status", contains("accepted", "accepted", "duplicate"))
                .extract();
        assertThat(first.<String>path("results[2].id")).isEqualTo(first.path("results[0].id"));

        upload(file, Map.of()).statusCode(200)
                .body("accepted", equalTo(0))
                .body("duplicates", equalTo(3))
                .body("results.id", equalTo(first.path("results.id")));
        assertThat(responsesOf(survey)).isEqualTo(2);
        assertThat(TestDb.count("select count(*) from response where survey_id = ? and idempotency_key like ?",
                UUID.fromString(survey), "import:" + survey + ":sha256:%")).isEqualTo(2);
    }

    // ---- bad rows -----------------------------------------------------------------------------------------------

    @Test
    void badRowsAreRejectedNamingRowAndColumnWhileTheOthersAreStored() {
        byte[] file = csv(GENERIC_HEADER,
                "ok-1,c-1,2025-11-03T10:00:00Z,5,fine",
                "bad-2,c-2,2025-11-03T10:00:00Z,9,too high",
                "bad-3,c-3,2025-11-03T10:00:00Z,abc,",
                "bad-4,,2025-11-03T10:00:00Z,4,",
                "bad-5,c-5,yesterday,4,",
                "bad-6,c-6,2099-01-01T00:00:00Z,4,",
                "bad-7,c-\u0007x,2025-11-03T10:00:00Z,4,",
                "ok-8,c-8,2025-11-03T11:00:00Z,7,",
                "ok-1,c-1,2025-11-03T10:00:00Z,6,changed");

        upload(file, Map.of()).statusCode(200)
                .body("accepted", equalTo(2))
                .body("duplicates", equalTo(0))
                .body("rejected", equalTo(7))
                .body("results.row", contains(2, 3, 4, 5, 6, 7, 8, 9, 10))
                .body("results.status", contains("accepted", "rejected", "rejected", "rejected", "rejected",
                        "rejected", "rejected", "accepted", "rejected"))
                .body("results[1].id", nullValue())
                .body("results[1].errors.field", contains("score"))
                .body("results[1].errors[0].message", equalTo("row 3: score 9 must be from 1 to 7"))
                .body("results[2].errors.field", contains("score"))
                .body("results[2].errors[0].message", equalTo("row 4: score abc is not a whole number"))
                .body("results[3].errors.field", contains("respondent"))
                .body("results[3].errors[0].message", equalTo("row 5: respondent is required"))
                .body("results[4].errors.field", contains("submitted_at"))
                .body("results[4].errors[0].message", startsWith("row 6: submitted_at yesterday is not a date-time"))
                .body("results[5].errors.field", contains("submitted_at"))
                .body("results[5].errors[0].message",
                        equalTo("row 7: submitted_at 2099-01-01T00:00:00Z must not be more than 5 minutes in the future"))
                .body("results[6].errors.field", contains("respondent"))
                .body("results[6].errors[0].message", startsWith("row 8: respondent must not contain control characters"))
                .body("results[8].errors.field", contains("external_id"))
                .body("results[8].errors[0].message",
                        equalTo("row 10: external_id ok-1 is used by row 2 of this file with different content"));
        assertThat(responsesOf(survey)).isEqualTo(2);
    }

    // ---- the file as a whole --------------------------------------------------------------------------------------

    @Test
    void aMappedColumnMissingFromTheHeaderIs400NamingIt() {
        byte[] file = csv("external_id,respondent,submitted_at,rating", "e-1,c-1,2025-11-03T10:00:00Z,5");
        assertProblem(upload(file, Map.of()), 400, "scoreColumn", "the header has no column 'score'; name the column "
                + "with scoreColumn (it has: external_id, respondent, submitted_at, rating)");
        assertProblem(upload(file, Map.of("scoreColumn", "points")), 400, "scoreColumn",
                "names column 'points', which the header does not have (it has: external_id, respondent, submitted_at, rating)");
        assertProblem(upload(sample("qualtrics.csv"), Map.of("preset", "qualtrics")), 400, "scoreColumn",
                "is required with preset qualtrics: name the column that holds the score, e.g. Q1");
        upload(csv("a,b", "1,2"), Map.of()).statusCode(400)
                .body("errors.field", contains("scoreColumn", "respondentColumn", "submittedAtColumn"));
        assertThat(responsesOf(survey)).isZero();

        upload(file, Map.of("scoreColumn", "rating")).statusCode(200).body("accepted", equalTo(1));
    }

    @Test
    void anEmptyFileIs400() {
        for (byte[] empty : List.of(new byte[0], "\uFEFF".getBytes(StandardCharsets.UTF_8), csv("", ""))) {
            assertProblem(upload(empty, Map.of()), 400, "body", "is empty: send a CSV file with a header row");
        }
        for (byte[] headerOnly : List.of(csv(GENERIC_HEADER), csv(GENERIC_HEADER, "", ",,,,"))) {
            assertProblem(upload(headerOnly, Map.of()), 400, "body", "has a header row but no data rows");
        }
    }

    @Test
    void aFileThatIsNotUtf8OrNotCsvIs400() {
        byte[] latin1 = (GENERIC_HEADER + "\r\ne-1,Zoë,2025-11-03T10:00:00Z,5,\r\n").getBytes(StandardCharsets.ISO_8859_1);
        assertProblem(upload(latin1, Map.of()), 400, "body", "must be UTF-8 text");
        upload(csv(GENERIC_HEADER, "e-1,c-1,2025-11-03T10:00:00Z,5,\"never closed"), Map.of())
                .statusCode(400)
                .body("errors.field", contains("body"))
                .body("errors[0].message", startsWith("is not valid CSV (RFC 4180): "));
        assertThat(responsesOf(survey)).isZero();
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstColumnName() {
        byte[] file = ("\uFEFF" + GENERIC_HEADER + "\r\nbom-1,c-1,2025-11-03T10:00:00Z,5,\r\n").getBytes(StandardCharsets.UTF_8);
        upload(file, Map.of()).statusCode(200)
                .body("accepted", equalTo(1))
                .body("results[0].externalId", equalTo("bom-1"));
    }

    @Test
    void upToTheBulkLimitOfRowsIsImportedAndOneMoreIs400() {
        List<String> lines = new ArrayList<>(List.of("respondent,submitted_at,score"));
        for (int i = 0; i < 1001; i++) {
            lines.add("c-" + i + ",2025-11-03T10:00:00Z," + (1 + i % 7));
        }
        assertProblem(upload(csv(lines.toArray(String[]::new)), Map.of()), 400, "body",
                "has more than 1000 data rows; split the file into parts of at most 1000");
        assertThat(responsesOf(survey)).isZero();

        upload(csv(lines.subList(0, 1001).toArray(String[]::new)), Map.of()).statusCode(200)
                .body("accepted", equalTo(1000))
                .body("results", hasSize(1000))
                .body("results[999].row", equalTo(1001));
        assertThat(responsesOf(survey)).isEqualTo(1000);
    }

    // ---- parameters and the survey ------------------------------------------------------------------------------

    @Test
    void badParametersAre400NamingEach() {
        byte[] file = sample("generic.csv");
        upload(TestTokens.partner(WS), file, Map.of("surveyId", "not-a-uuid", "preset", "surveymonkey",
                "scoreColumn", " ", "channel", "fax", "timeZone", "Mars/Olympus_Mons"))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("surveyId", "preset", "scoreColumn", "channel", "timeZone"))
                .body("errors[0].message", equalTo("must be a UUID"))
                .body("errors[1].message", equalTo("must be one of generic, qualtrics, delighted"))
                .body("errors[2].message", equalTo("must not be blank"))
                .body("errors[3].message", startsWith("must be one of web, mobile_app"))
                .body("errors[4].message", startsWith("must be an IANA time zone"));
        assertProblem(upload(TestTokens.partner(WS), file, Map.of()), 400, "surveyId", "is required");
        upload(file, Map.of("scorecolumn", "score")).statusCode(400)
                .body("errors.field", contains("scorecolumn"));
        // As the API probe suite sends it: no body and no Content-Type.
        HttpResponse<String> probe = post(IMPORT + "?surveyId=" + survey + "&probeUnknownParam=1", TestTokens.partner(WS));
        assertThat(probe.statusCode()).isEqualTo(400);
        assertThat(probe.body()).contains("\"field\":\"probeUnknownParam\"");
    }

    @Test
    void anUnknownSurveyOrAnotherWorkspacesSurveyIs404() {
        String theirs = Fixtures.activeSurvey("ws-other", CES_ONLY);
        for (String surveyId : List.of(theirs, UUID.randomUUID().toString())) {
            upload(sample("generic.csv"), Map.of("surveyId", surveyId)).statusCode(404)
                    .contentType("application/problem+json")
                    .body("title", equalTo("Not Found"))
                    .body("instance", equalTo(IMPORT))
                    .body("errors.field", contains("surveyId"))
                    .body("errors[0].message", equalTo("is not a survey of your workspace"));
        }
        assertThat(responsesOf(theirs)).isZero();
    }

    @Test
    void aSurveyThatIsNotActiveIs409() {
        String draft = Fixtures.draftSurvey(WS, CES_ONLY);
        assertProblem(upload(sample("generic.csv"), Map.of("surveyId", draft)), 409, "surveyId",
                "survey is DRAFT; only ACTIVE surveys accept responses");
        assertThat(responsesOf(draft)).isZero();
    }

    @Test
    void theQuestionMustBeAScoredOneAndTheOnlyRequiredOne() {
        assertProblem(upload(sample("generic.csv"), Map.of("questionKey", "comment")), 422, "questionKey",
                "must be a scored question of the survey: ces");
        String twoRequired = Fixtures.activeSurvey(WS);
        assertProblem(upload(sample("generic.csv"), Map.of("surveyId", twoRequired)), 422, "questionKey",
                "the survey also requires csat, which an import of one score column cannot answer");
        assertThat(responsesOf(twoRequired)).isZero();
    }

    @Test
    void importNeedsAWritingRoleThenACsvBody() {
        byte[] file = sample("generic.csv");
        String json = "{\"items\": []}";
        given().contentType(ContentType.JSON).queryParam("surveyId", survey).body(json)
                .post(IMPORT).then().statusCode(401).contentType("application/problem+json");
        // The role is checked before the media type, as on every operation.
        given().auth().oauth2(TestTokens.analyst(WS)).contentType(ContentType.JSON).queryParam("surveyId", survey)
                .body(json).post(IMPORT).then().statusCode(403).contentType("application/problem+json");
        upload(TestTokens.analyst(WS), file, Map.of("surveyId", survey)).statusCode(403);
        assertProblem(given().auth().oauth2(TestTokens.partner(WS)).contentType(ContentType.JSON)
                .queryParam("surveyId", survey).body(json).post(IMPORT).then(), 415, "Content-Type", "must be text/csv");
        HttpResponse<String> bare = post(IMPORT + "?surveyId=" + survey, TestTokens.partner(WS));
        assertThat(bare.statusCode()).isEqualTo(415);
        assertThat(responsesOf(survey)).isZero();

        upload(TestTokens.admin(WS), file, Map.of("surveyId", survey, "timeZone", "UTC")).statusCode(200)
                .body("accepted", equalTo(3));
    }

    /** A POST without body or Content-Type, the way {@code java.net.http} sends one. */
    private HttpResponse<String> post(String pathAndQuery, String token) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(api.resolve(pathAndQuery))
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- downstream -----------------------------------------------------------------------------------------------

    @Test
    void importedResponsesAppearOnTheChangeFeedLikeBulkOnes() {
        String after = endOfFeed();
        List<String> ids = upload(sample("generic.csv"), Map.of("channel", "phone")).statusCode(200)
                .extract().path("results.id");

        List<Map<String, Object>> items = given().auth().oauth2(TestTokens.service())
                .queryParam("after", after).queryParam("limit", 1000)
                .when().get("/internal/v1/feed/responses")
                .then().statusCode(200).extract().path("items");
        List<Map<String, Object>> ours = items.stream().filter(i -> ids.contains(i.get("id"))).toList();
        assertThat(ours).hasSize(3).allSatisfy(item -> assertThat(item)
                .containsEntry("workspace", WS)
                .containsEntry("surveyId", survey)
                .containsEntry("channel", "phone"));
        assertThat(ours.stream().map(i -> i.get("customerId")).toList()).containsExactly("cust-1", "cust-2", "cust-3");
    }

    private static String endOfFeed() {
        String cursor = FEED_START;
        while (true) {
            var page = given().auth().oauth2(TestTokens.service()).queryParam("after", cursor).queryParam("limit", 1000)
                    .when().get("/internal/v1/feed/responses").then().statusCode(200).extract();
            cursor = page.path("next");
            if (page.<List<?>>path("items").isEmpty()) {
                return cursor;
            }
        }
    }
}
