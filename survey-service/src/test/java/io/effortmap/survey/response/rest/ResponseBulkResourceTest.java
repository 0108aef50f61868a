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

import io.effortmap.survey.testing.Fixtures;
import io.effortmap.survey.testing.JourneyStubResource;
import io.effortmap.survey.testing.TestDb;
import io.effortmap.testsupport.PostgresResource;
import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
class ResponseBulkResourceTest {

    private static final String WS = "ws-a";

    private String surveyId;
    private String batch;

    @BeforeEach
    void activeSurvey() {
        surveyId = Fixtures.activeSurvey(WS);
        batch = "b-" + UUID.randomUUID() + "-";
    }

    private Map<String, Object> item(String externalId) {
        Map<String, Object> item = new HashMap<>(Fixtures.responseBody(surveyId, "customer-" + externalId));
        item.put("externalId", externalId);
        return item;
    }

    private static Map<String, Object> with(Map<String, Object> item, String field, Object value) {
        Map<String, Object> copy = new HashMap<>(item);
        copy.put(field, value);
        return copy;
    }

    private static ExtractableResponse<Response> bulk(String token, List<?> items) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("items", items))
                .when().post("/api/v1/responses/bulk")
                .then().statusCode(200).extract();
    }

    private long stored(String prefix) {
        return TestDb.count("select count(*) from response where idempotency_key like ?", prefix + "%");
    }

    @Test
    void validItemsAreStoredWhileInvalidOnesAreRejectedWithTheirErrors() {
        String unknownSurvey = UUID.randomUUID().toString();
        List<Map<String, Object>> items = List.of(
                item(batch + "0"),
                with(item(batch + "1"), "answers", List.of(Map.of("questionKey", "ces", "score", 9),
                        Map.of("questionKey", "csat", "score", 3))),
                with(item(batch + "2"), "surveyId", unknownSurvey),
                with(item(batch + "3"), "externalId", null),
                with(item(batch + "4"), "channel", "fax"),
                item(batch + "5"));

        bulk(TestTokens.partner(WS), items).response().then()
                .body("accepted", equalTo(2))
                .body("duplicates", equalTo(0))
                .body("rejected", equalTo(4))
                .body("results.index", contains(0, 1, 2, 3, 4, 5))
                .body("results.externalId", contains(batch + "0", batch + "1", batch + "2", null, batch + "4", batch + "5"))
                .body("results.status", contains("accepted", "rejected", "rejected", "rejected", "rejected", "accepted"))
                .body("results[0].id", notNullValue())
                .body("results[0].errors", empty())
                .body("results[1].id", nullValue())
                .body("results[1].errors.field", contains("answers[0].score"))
                .body("results[1].errors[0].message", equalTo("must be from 1 to 7"))
                .body("results[2].errors.field", contains("surveyId"))
                .body("results[2].errors[0].message", equalTo("is not a survey of your workspace"))
                .body("results[3].errors.field", contains("externalId"))
                .body("results[3].errors[0].message", equalTo("is required"))
                .body("results[4].errors.field", contains("channel"));
        assertThat(stored(batch)).isEqualTo(2);
        assertThat(TestDb.count("select count(*) from response_answer a join response r on r.id = a.response_id "
                + "where r.idempotency_key like ?", batch + "%")).isEqualTo(6);
    }

    @Test
    void resubmittingABatchReportsDuplicatesWithTheOriginalIds() {
        List<Map<String, Object>> items = List.of(item(batch + "a"), item(batch + "b"),
                with(item(batch + "c"), "channel", "fax"));
        var first = bulk(TestTokens.partner(WS), items);
        var second = bulk(TestTokens.partner(WS), items);
        second.response().then()
                .body("accepted", equalTo(0))
                .body("duplicates", equalTo(2))
                .body("rejected", equalTo(1))
                .body("results.status", contains("duplicate", "duplicate", "rejected"))
                .body("results[0].errors", empty());
        assertThat(second.<String>path("results[0].id")).isEqualTo(first.path("results[0].id"));
        assertThat(second.<String>path("results[1].id")).isEqualTo(first.path("results[1].id"));
        assertThat(stored(batch)).isEqualTo(2);
    }

    @Test
    void reusingAnExternalIdForDifferentContentIsRejected() {
        bulk(TestTokens.partner(WS), List.of(item(batch + "x")));
        bulk(TestTokens.partner(WS), List.of(with(item(batch + "x"), "customerId", "another")))
                .response().then()
                .body("rejected", equalTo(1))
                .body("results[0].status", equalTo("rejected"))
                .body("results[0].id", nullValue())
                .body("results[0].errors.field", contains("externalId"))
                .body("results[0].errors[0].message", equalTo("was already used for a different response"));
        assertThat(TestDb.count("select count(*) from response where idempotency_key = ? and customer_id = 'another'", batch + "x")).isZero();
    }

    @Test
    void repeatsWithinOneRequestAreDuplicatesOrRejectedWhenTheyDiffer() {
        Map<String, Object> a = item(batch + "a");
        List<Map<String, Object>> items = List.of(a, a, with(a, "customerId", "changed"));
        var result = bulk(TestTokens.partner(WS), items);
        result.response().then()
                .body("accepted", equalTo(1))
                .body("duplicates", equalTo(1))
                .body("rejected", equalTo(1))
                .body("results.status", contains("accepted", "duplicate", "rejected"))
                .body("results[2].errors.field", contains("externalId"))
                .body("results[2].errors[0].message", equalTo("is used by item 0 of this request with different content"));
        assertThat(result.<String>path("results[1].id")).isEqualTo(result.path("results[0].id"));
        assertThat(stored(batch)).isOne();
    }

    @Test
    void externalIdsShareTheKeySpaceOfSingleSubmissions() {
        Map<String, Object> item = item(batch + "shared");
        Map<String, Object> single = new HashMap<>(item);
        single.remove("externalId");
        String id = given().auth().oauth2(TestTokens.partner(WS)).header("Idempotency-Key", batch + "shared")
                .contentType(ContentType.JSON).body(single)
                .post("/api/v1/responses").then().statusCode(201).extract().path("id");
        bulk(TestTokens.partner(WS), List.of(item)).response().then()
                .body("results[0].status", equalTo("duplicate"))
                .body("results[0].id", equalTo(id));
    }

    @Test
    void draftSurveyItemsAreRejectedNamingSurveyId() {
        String draft = Fixtures.draftSurvey(WS);
        bulk(TestTokens.admin(WS), List.of(with(item(batch + "d"), "surveyId", draft), item(batch + "ok")))
                .response().then()
                .body("results.status", contains("rejected", "accepted"))
                .body("results[0].errors.field", contains("surveyId"))
                .body("results[0].errors[0].message", equalTo("survey is DRAFT; only ACTIVE surveys accept responses"));
    }

    @Test
    void aThousandItemsAreStoredInOneRequest() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            items.add(item(batch + i));
        }
        long started = System.nanoTime();
        bulk(TestTokens.partner(WS), items).response().then()
                .body("accepted", equalTo(1000))
                .body("duplicates", equalTo(0))
                .body("rejected", equalTo(0))
                .body("results", hasSize(1000))
                .body("results.status", everyItem(equalTo("accepted")));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(stored(batch)).isEqualTo(1000);
        assertThat(TestDb.count("select count(*) from response_answer a join response r on r.id = a.response_id "
                + "where r.idempotency_key like ?", batch + "%")).isEqualTo(3000);
        assertThat(TestDb.count("select count(distinct tx_id) from response where idempotency_key like ?", batch + "%"))
                .as("one transaction for the whole batch").isOne();
        assertThat(millis).as("a batch is a few statements, not 1000 round trips").isLessThan(10_000);
    }

    @Test
    void overlappingConcurrentBatchesStoreEachExternalIdOnce() throws Exception {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            items.add(item(batch + i));
        }
        String token = TestTokens.partner(WS);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ExtractableResponse<Response>>> calls = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                List<Map<String, Object>> shuffled = new ArrayList<>(items);
                Collections.shuffle(shuffled);
                calls.add(pool.submit(() -> {
                    start.await();
                    return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("items", shuffled))
                            .post("/api/v1/responses/bulk").then().statusCode(200).extract();
                }));
            }
            start.countDown();
            int accepted = 0;
            Map<String, Set<String>> idsByExternalId = new HashMap<>();
            for (var call : calls) {
                var r = call.get();
                accepted += r.<Integer>path("accepted");
                assertThat(r.<Integer>path("rejected")).isZero();
                List<Map<String, Object>> results = r.path("results");
                for (Map<String, Object> result : results) {
                    idsByExternalId.computeIfAbsent((String) result.get("externalId"), k -> new HashSet<>())
                            .add((String) result.get("id"));
                }
            }
            assertThat(accepted).isEqualTo(60);
            assertThat(idsByExternalId).hasSize(60).allSatisfy((k, ids) -> assertThat(ids).hasSize(1));
        } finally {
            pool.shutdownNow();
        }
        assertThat(stored(batch)).isEqualTo(60);
    }

    @Test
    void theEnvelopeMustHoldOneToAThousandItems() {
        List<Map<String, Object>> tooMany = Collections.nCopies(1001, Map.of());
        for (Object body : List.of(Map.of("items", List.of()), Map.of("items", tooMany), Map.of())) {
            given().auth().oauth2(TestTokens.partner(WS)).contentType(ContentType.JSON).body(body)
                    .when().post("/api/v1/responses/bulk")
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("title", equalTo("Bad Request"))
                    .body("status", equalTo(400))
                    .body("instance", equalTo("/api/v1/responses/bulk"))
                    .body("errors.field", contains("items"))
                    .body("errors[0].message", equalTo("must contain 1 to 1000 items"));
        }
        given().auth().oauth2(TestTokens.partner(WS)).contentType(ContentType.JSON)
                .post("/api/v1/responses/bulk").then().statusCode(400).body("errors.field", contains("items"));
    }

    @Test
    void bulkNeedsATokenAndAWritingRole() {
        List<Map<String, Object>> items = List.of(item(batch + "sec"));
        given().contentType(ContentType.JSON).body(Map.of("items", items))
                .post("/api/v1/responses/bulk").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.analyst(WS)).contentType(ContentType.JSON).body(Map.of("items", items))
                .post("/api/v1/responses/bulk").then().statusCode(403)
                .contentType("application/problem+json")
                .body("title", equalTo("Forbidden"));
        assertThat(stored(batch)).isZero();
    }
}
