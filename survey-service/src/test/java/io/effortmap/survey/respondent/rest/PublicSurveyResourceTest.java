package io.effortmap.survey.respondent.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import io.effortmap.survey.testing.Fixtures;
import io.effortmap.survey.testing.Invitations;
import io.effortmap.survey.testing.JourneyStubResource;
import io.effortmap.survey.testing.TestDb;
import io.effortmap.testsupport.PostgresResource;
import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(TestOidcResource.class)
@WithTestResource(JourneyStubResource.class)
class PublicSurveyResourceTest {

    private static final String WS = "ws-public";
    private static final Map<String, Object> ANSWERS = Map.of("answers", List.of(
            Map.of("questionKey", "ces", "score", 2),
            Map.of("questionKey", "csat", "score", 3),
            Map.of("questionKey", "comment", "text", "Took three calls")));

    private String surveyId;
    private JsonPath invitation;
    private String token;

    @BeforeEach
    void invitedCustomer() {
        surveyId = Fixtures.activeSurvey(WS);
        invitation = Invitations.create(WS, surveyId, "cust-7", "int-42");
        token = invitation.getString("token");
    }

    private static ValidatableResponse read(String token) {
        return given().when().get("/api/v1/public/surveys/" + token).then();
    }

    private static ValidatableResponse submit(String token, Object body) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/public/surveys/" + token + "/responses").then();
    }

    private String storedResponseId() {
        return TestDbIds.responseOf(invitation.getString("id"));
    }

    // ---- read ---------------------------------------------------------------------------------------------------

    @Test
    void theLinkShowsOnlyTheCompanyAndTheQuestionsWithoutAnyToken() {
        var body = read(token)
                .statusCode(200)
                .body("companyName", equalTo("Acme"))
                .body("questions.key", contains("ces", "csat", "nps", "comment"))
                .body("questions.kind", contains("CES", "CSAT", "NPS", "COMMENT"))
                .body("questions.variant", contains("AGREEMENT_7", "SEVEN", null, null))
                .body("questions.scaleMin", contains(1, 1, 0, null))
                .body("questions.scaleMax", contains(7, 7, 10, null))
                .body("questions.maxLength", contains(null, null, null, 100))
                .body("questions.required", contains(true, true, false, false))
                .body("questions[0].text", equalTo("Acme made it easy for me to handle my issue."))
                .extract().jsonPath();
        assertThat(body.getMap("$").keySet()).containsExactlyInAnyOrder("companyName", "language", "questions");
        assertThat(body.getMap("questions[0]").keySet()).containsExactlyInAnyOrder(
                "key", "kind", "variant", "text", "required", "scaleMin", "scaleMax", "maxLength");
        assertThat(body.prettify()).doesNotContain(surveyId).doesNotContain("cust-7").doesNotContain(WS);
    }

    @Test
    void unknownOrMalformedLinksAre404() {
        String unknown = "A".repeat(43);
        for (String bad : List.of(unknown, "short", token + "x", token.substring(1) + "*")) {
            read(bad)
                    .statusCode(404)
                    .contentType("application/problem+json")
                    .body("title", equalTo("Not Found"))
                    .body("status", equalTo(404))
                    .body("detail", equalTo("No survey for this link"));
            submit(bad, ANSWERS).statusCode(404).contentType("application/problem+json")
                    .body("detail", equalTo("No survey for this link"));
        }
    }

    // ---- submit -------------------------------------------------------------------------------------------------

    @Test
    void submittingRecordsTheInvitationsCustomerTouchpointInteractionAndWebChannel() {
        submit(token, ANSWERS).statusCode(201).body("receivedAt", org.hamcrest.Matchers.notNullValue());

        given().auth().oauth2(TestTokens.analyst(WS)).get("/api/v1/responses/" + storedResponseId())
                .then().statusCode(200)
                .body("surveyId", equalTo(surveyId))
                .body("customerId", equalTo("cust-7"))
                .body("interactionId", equalTo("int-42"))
                .body("touchpointId", equalTo(invitation.getString("touchpointId")))
                .body("channel", equalTo("web"))
                .body("answers.questionKey", contains("ces", "csat", "comment"))
                .body("answers.score", contains(2, 3, null));
        assertThat(TestDb.count("select count(*) from invitation where id = ?::uuid and used_at is not null"
                + " and response_id is not null", invitation.getString("id"))).isEqualTo(1);
    }

    @Test
    void aGivenChannelIsRecorded() {
        submit(token, Map.of("channel", "mobile_app", "answers", ANSWERS.get("answers"))).statusCode(201);
        given().auth().oauth2(TestTokens.analyst(WS)).get("/api/v1/responses/" + storedResponseId())
                .then().statusCode(200).body("channel", equalTo("mobile_app"));
    }

    @Test
    void aSecondSubmissionIs409AndTheLinkThenReads409() {
        submit(token, ANSWERS).statusCode(201);
        submit(token, ANSWERS)
                .statusCode(409)
                .contentType("application/problem+json")
                .body("title", equalTo("Conflict"))
                .body("status", equalTo(409))
                .body("detail", equalTo("This survey has already been answered"));
        read(token).statusCode(409).body("detail", equalTo("This survey has already been answered"));
        assertThat(TestDb.count("select count(*) from response where survey_id = ?::uuid", surveyId)).isEqualTo(1);
    }

    @Test
    void anExpiredLinkIs410() {
        TestDb.execute("update invitation set expires_at = now() - interval '1 second' where id = '"
                + invitation.getString("id") + "'");
        read(token)
                .statusCode(410)
                .contentType("application/problem+json")
                .body("title", equalTo("Gone"))
                .body("status", equalTo(410))
                .body("detail", equalTo("This survey link has expired"));
        submit(token, ANSWERS).statusCode(410).body("detail", equalTo("This survey link has expired"));
        assertThat(TestDb.count("select count(*) from response where survey_id = ?::uuid", surveyId)).isZero();
    }

    @Test
    void aClosedSurveyIs409() {
        given().auth().oauth2(TestTokens.admin(WS)).header("If-Match", "\"1\"").post("/api/v1/surveys/" + surveyId + "/close")
                .then().statusCode(200);
        read(token)
                .statusCode(409)
                .contentType("application/problem+json")
                .body("title", equalTo("Conflict"))
                .body("detail", equalTo("This survey is closed"));
        submit(token, ANSWERS).statusCode(409).body("detail", equalTo("This survey is closed"));
        assertThat(TestDb.count("select count(*) from invitation where id = ?::uuid and used_at is null",
                invitation.getString("id"))).isEqualTo(1);
    }

    @Test
    void answersAreValidatedLikeCrmSubmissionsAndARejectedOneLeavesTheLinkOpen() {
        submit(token, Map.of("answers", List.of(
                Map.of("questionKey", "ces", "score", 9),
                Map.of("questionKey", "comment", "text", "x".repeat(101)))))
                .statusCode(422)
                .contentType("application/problem+json")
                .body("title", equalTo("Unprocessable Content"))
                .body("status", equalTo(422))
                .body("detail", equalTo("3 fields are invalid"))
                .body("errors.field", contains("answers[0].score", "answers[1].text", "answers"))
                .body("errors.message", contains("must be from 1 to 7", "must be at most 100 characters",
                        "must answer the required question 'csat'"));
        submit(token, Map.of("channel", "pigeon", "answers", List.of()))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("channel", "answers"));
        submit(token, Map.of("customerId", "someone-else", "answers", ANSWERS.get("answers")))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("customerId"));
        submit(token, ANSWERS).statusCode(201);
    }

    @Test
    void tenConcurrentSubmissionsStoreExactlyOneResponse() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    return given().contentType(ContentType.JSON).body(ANSWERS)
                            .post("/api/v1/public/surveys/" + token + "/responses").statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> call : calls) {
                statuses.add(call.get());
            }
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
            assertThat(statuses).filteredOn(s -> s != 201).hasSize(9).allMatch(s -> s == 409);
        } finally {
            pool.shutdownNow();
        }
        assertThat(TestDb.count("select count(*) from response where survey_id = ?::uuid", surveyId)).isEqualTo(1);
        assertThat(TestDb.count("select count(*) from response_answer a join response r on r.id = a.response_id"
                + " where r.survey_id = ?::uuid", surveyId)).isEqualTo(3);
    }

    @Test
    void aTokenOfAnotherInvitationCannotBeUsedForThisOne() {
        String other = Invitations.create(WS, surveyId, "cust-8", null).getString("token");
        submit(other, ANSWERS).statusCode(201);
        read(token).statusCode(200);
        assertThat(TestDb.count("select count(*) from response where survey_id = ?::uuid and customer_id = 'cust-8'",
                surveyId)).isEqualTo(1);
    }

    /** The response stored for an invitation. */
    private static final class TestDbIds {
        static String responseOf(String invitationId) {
            try (var c = TestDb.connect();
                    var ps = c.prepareStatement("select response_id from invitation where id = ?::uuid")) {
                ps.setString(1, invitationId);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
