package io.effortmap.survey.invitation.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.effortmap.survey.testing.Fixtures;
import io.effortmap.survey.testing.JourneyStubResource;
import io.effortmap.survey.testing.TestDb;
import io.effortmap.testsupport.PostgresResource;
import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
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
class InvitationResourceTest {

    private static final String WS = "ws-inv";
    private static final String TOKEN_SHAPE = "^[A-Za-z0-9_-]{43}$";

    private String surveyId;

    @BeforeEach
    void activeSurvey() {
        surveyId = Fixtures.activeSurvey(WS);
    }

    private Map<String, Object> body(String customerId) {
        return new HashMap<>(Map.of("surveyId", surveyId, "customerId", customerId, "interactionId", "int-1"));
    }

    private static ValidatableResponse post(String token, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/invitations").then();
    }

    private static ValidatableResponse bulk(Object items) {
        return given().auth().oauth2(TestTokens.partner(WS)).contentType(ContentType.JSON).body(Map.of("items", items))
                .when().post("/api/v1/invitations/bulk").then();
    }

    private static String sha256Hex(String token) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
    }

    // ---- single -------------------------------------------------------------------------------------------------

    @Test
    void createAnswersTheTokenAndLinkOnceAndStoresOnlyItsHash() throws Exception {
        var created = post(TestTokens.partner(WS), body("c-1"))
                .statusCode(201)
                .body("id", notNullValue())
                .body("surveyId", equalTo(surveyId))
                .body("touchpointId", notNullValue())
                .body("customerId", equalTo("c-1"))
                .body("interactionId", equalTo("int-1"))
                .body("externalId", nullValue())
                .body("token", matchesPattern(TOKEN_SHAPE))
                .extract().jsonPath();
        String token = created.getString("token");
        assertThat(created.getString("link")).isEqualTo("http://localhost:8080/s/" + token);
        Instant createdAt = Instant.parse(created.getString("createdAt"));
        assertThat(Duration.between(createdAt, Instant.parse(created.getString("expiresAt")))).isEqualTo(Duration.ofDays(14));

        String id = created.getString("id");
        assertThat(TestDb.count("select count(*) from invitation where id = ?::uuid and encode(token_hash, 'hex') = ?",
                id, sha256Hex(token))).isEqualTo(1);
        assertThat(TestDb.count("select count(*) from invitation i where i::text like ?", "%" + token + "%")).isZero();
    }

    @Test
    void everyInvitationGetsItsOwnToken() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            tokens.add(post(TestTokens.admin(WS), body("c-" + i)).statusCode(201).extract().path("token"));
        }
        assertThat(tokens).hasSize(20);
    }

    @Test
    void expiryCanBeChosenUpToTheMaximum() {
        var created = post(TestTokens.partner(WS), Map.of("surveyId", surveyId, "customerId", "c", "expiresInDays", 90))
                .statusCode(201).extract().jsonPath();
        assertThat(Duration.between(Instant.parse(created.getString("createdAt")),
                Instant.parse(created.getString("expiresAt")))).isEqualTo(Duration.ofDays(90));
        for (int days : List.of(0, 91, -3)) {
            post(TestTokens.partner(WS), Map.of("surveyId", surveyId, "customerId", "c", "expiresInDays", days))
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("title", equalTo("Bad Request"))
                    .body("status", equalTo(400))
                    .body("detail", equalTo("expiresInDays: must be from 1 to 90"))
                    .body("instance", equalTo("/api/v1/invitations"))
                    .body("errors.field", contains("expiresInDays"));
        }
    }

    @Test
    void invalidFieldsAre400NamingEachOne() {
        post(TestTokens.partner(WS), Map.of("surveyId", "nope", "customerId", " ", "interactionId", "x".repeat(201),
                "externalId", "y".repeat(201)))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Bad Request"))
                .body("status", equalTo(400))
                .body("detail", equalTo("4 fields are invalid"))
                .body("errors.field", contains("surveyId", "customerId", "interactionId", "externalId"))
                .body("errors.message", contains("must be a UUID", "is required", "must be at most 200 characters",
                        "must be at most 200 characters"));
        post(TestTokens.partner(WS), Map.of("surveyId", surveyId, "customerId", "c", "workspace", "other"))
                .statusCode(400).contentType("application/problem+json").body("errors.field", contains("workspace"));
        assertThat(TestDb.count("select count(*) from invitation where customer_id = ' '")).isZero();
    }

    @Test
    void unknownSurveyIs422AndInactiveSurveyIs409() {
        String foreign = Fixtures.activeSurvey("ws-other");
        post(TestTokens.partner(WS), Map.of("surveyId", foreign, "customerId", "c"))
                .statusCode(422)
                .contentType("application/problem+json")
                .body("title", equalTo("Unprocessable Content"))
                .body("status", equalTo(422))
                .body("detail", equalTo("surveyId: is not a survey of your workspace"))
                .body("errors.field", contains("surveyId"));
        String draft = Fixtures.draftSurvey(WS);
        post(TestTokens.partner(WS), Map.of("surveyId", draft, "customerId", "c"))
                .statusCode(409)
                .contentType("application/problem+json")
                .body("title", equalTo("Conflict"))
                .body("status", equalTo(409))
                .body("detail", equalTo("surveyId: survey is DRAFT; only ACTIVE surveys take invitations"))
                .body("errors.field", contains("surveyId"));
    }

    @Test
    void aRepeatedExternalIdReplaysWithoutTokenAndDifferentContentIs422() {
        String externalId = "crm-" + UUID.randomUUID();
        Map<String, Object> request = body("c-1");
        request.put("externalId", externalId);
        String id = post(TestTokens.partner(WS), request).statusCode(201).extract().path("id");

        post(TestTokens.partner(WS), request)
                .statusCode(200)
                .header("Idempotency-Replayed", "true")
                .body("id", equalTo(id))
                .body("externalId", equalTo(externalId))
                .body("token", nullValue())
                .body("link", nullValue());

        Map<String, Object> other = new HashMap<>(request);
        other.put("customerId", "c-2");
        post(TestTokens.partner(WS), other)
                .statusCode(422)
                .contentType("application/problem+json")
                .body("detail", equalTo("externalId: was already used for a different invitation"))
                .body("errors.field", contains("externalId"));
        assertThat(TestDb.count("select count(*) from invitation where external_id = ?", externalId)).isEqualTo(1);

        // Another client (source) has its own key space.
        post(TestTokens.admin(WS), other).statusCode(201);
    }

    // ---- bulk ---------------------------------------------------------------------------------------------------

    @Test
    void bulkReportsEveryItemAndCreatesTheValidOnes() {
        String ext = "crm-" + UUID.randomUUID();
        List<Map<String, Object>> items = List.of(
                Map.of("surveyId", surveyId, "customerId", "c-0", "externalId", ext),
                Map.of("surveyId", surveyId, "customerId", "c-1"),
                Map.of("surveyId", "bad", "customerId", "c-2", "externalId", ext + "-x"),
                Map.of("surveyId", surveyId, "customerId", "c-0", "externalId", ext),
                Map.of("surveyId", surveyId, "customerId", "c-9", "externalId", ext));
        var result = bulk(items)
                .statusCode(200)
                .body("created", equalTo(2))
                .body("duplicates", equalTo(1))
                .body("rejected", equalTo(2))
                .body("results.index", contains(0, 1, 2, 3, 4))
                .body("results.status", contains("created", "created", "rejected", "duplicate", "rejected"))
                .body("results[0].invitation.token", matchesPattern(TOKEN_SHAPE))
                .body("results[1].invitation.token", matchesPattern(TOKEN_SHAPE))
                .body("results[2].invitation", nullValue())
                .body("results[2].errors.field", contains("surveyId"))
                .body("results[2].errors[0].message", equalTo("must be a UUID"))
                .body("results[3].invitation.token", nullValue())
                .body("results[4].errors.field", contains("externalId"))
                .body("results[4].errors[0].message", equalTo("was already used for a different invitation"))
                .extract().jsonPath();
        assertThat(result.getString("results[3].invitation.id")).isEqualTo(result.getString("results[0].invitation.id"));
        assertThat(TestDb.count("select count(*) from invitation where external_id = ?", ext)).isEqualTo(1);
    }

    @Test
    void bulkIsIdempotentAcrossRequests() {
        List<Map<String, Object>> items = new ArrayList<>();
        String prefix = "crm-" + UUID.randomUUID() + "-";
        for (int i = 0; i < 50; i++) {
            items.add(Map.of("surveyId", surveyId, "customerId", "c-" + i, "externalId", prefix + i));
        }
        bulk(items).statusCode(200).body("created", equalTo(50)).body("results", hasSize(50));
        bulk(items).statusCode(200).body("created", equalTo(0)).body("duplicates", equalTo(50))
                .body("results.invitation.token", org.hamcrest.Matchers.everyItem(nullValue()));
        assertThat(TestDb.count("select count(*) from invitation where external_id like ?", prefix + "%")).isEqualTo(50);
    }

    @Test
    void bulkNeedsOneToAThousandItems() {
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(Map.of("surveyId", surveyId, "customerId", "c"));
        }
        for (Object items : List.of(List.of(), tooMany)) {
            bulk(items)
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("title", equalTo("Bad Request"))
                    .body("status", equalTo(400))
                    .body("detail", equalTo("items: must contain 1 to 1000 invitations"))
                    .body("instance", equalTo("/api/v1/invitations/bulk"))
                    .body("errors.field", contains("items"));
        }
    }

    @Test
    void bulkOfAThousandCreatesAThousandDistinctTokens() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            items.add(Map.of("surveyId", surveyId, "customerId", "c-" + i));
        }
        List<String> tokens = bulk(items).statusCode(200).body("created", equalTo(1000))
                .extract().path("results.invitation.token");
        assertThat(new HashSet<>(tokens)).hasSize(1000);
        assertThat(TestDb.count("select count(*) from invitation where survey_id = ?::uuid", surveyId)).isEqualTo(1000);
    }

    // ---- security -----------------------------------------------------------------------------------------------

    @Test
    void onlyPartnersAndAdminsInvite() {
        for (String token : List.of(TestTokens.analyst(WS), TestTokens.service())) {
            post(token, body("c")).statusCode(403).contentType("application/problem+json")
                    .body("title", equalTo("Forbidden"));
            given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("items", List.of(body("c"))))
                    .post("/api/v1/invitations/bulk").then().statusCode(403);
        }
        given().contentType(ContentType.JSON).body(body("c")).post("/api/v1/invitations")
                .then().statusCode(401).header("WWW-Authenticate", "Bearer");
        given().contentType(ContentType.JSON).body(Map.of("items", List.of(body("c")))).post("/api/v1/invitations/bulk")
                .then().statusCode(401);
        assertThat(TestDb.count("select count(*) from invitation where survey_id = ?::uuid", surveyId)).isZero();
    }
}
