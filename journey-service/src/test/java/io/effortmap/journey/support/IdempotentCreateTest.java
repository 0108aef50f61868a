package io.effortmap.journey.support;

import static io.effortmap.journey.support.TestData.bearer;
import static io.effortmap.journey.support.TestData.journeyBody;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.mongodb.client.model.Filters;
import io.effortmap.testsupport.MongoResource;
import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** Idempotency-Key on the creating POSTs of journey-service: personas and journeys. */
@QuarkusTest
@WithTestResource(MongoResource.class)
@WithTestResource(TestOidcResource.class)
class IdempotentCreateTest {

    @Inject
    ReactiveMongoClient mongo;

    @TestHTTPResource("/api/v1/personas")
    URI personasUri;

    private static ExtractableResponse<Response> post(String path, String token, String key, Object body) {
        var request = given().header("Authorization", bearer(token)).contentType(ContentType.JSON).body(body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.when().post(path).then().extract();
    }

    private static int count(String path, String token) {
        return given().header("Authorization", bearer(token)).queryParam("limit", 100).when().get(path)
                .then().statusCode(200).extract().jsonPath().getList("items").size();
    }

    @Test
    void aRetriedPersonaCreateAnswersTheFirstPersonaInsteadOfADuplicate() {
        String ws = TestData.workspace();
        String admin = TestTokens.admin(ws);
        Map<String, Object> body = Map.of("name", "Busy parent", "goals", List.of("Order fast"));
        ExtractableResponse<Response> first = post("/api/v1/personas", admin, "key-1", body);
        ExtractableResponse<Response> retry = post("/api/v1/personas", admin, "key-1",
                Map.of("goals", List.of("Order fast"), "name", "Busy parent"));
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.header("Idempotency-Replayed")).isNull();
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.header("Idempotency-Replayed")).isEqualTo("true");
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(retry.jsonPath().getString("id")).isEqualTo(first.jsonPath().getString("id"));
        assertThat(count("/api/v1/personas", admin)).isEqualTo(1);

        ExtractableResponse<Response> other = post("/api/v1/personas", admin, "key-1", Map.of("name", "Someone else"));
        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(other.jsonPath().getString("errors[0].field")).isEqualTo("Idempotency-Key");
        assertThat(count("/api/v1/personas", admin)).isEqualTo(1);

        // Without a key every POST creates; keys are per workspace.
        assertThat(post("/api/v1/personas", admin, null, body).statusCode()).isEqualTo(201);
        assertThat(count("/api/v1/personas", admin)).isEqualTo(2);
        String otherWs = TestData.workspace();
        assertThat(post("/api/v1/personas", TestTokens.admin(otherWs), "key-1", body).statusCode()).isEqualTo(201);

        // The key is kept in the service's own store, so it outlives the process.
        Document stored = mongo.getDatabase("effortmap_journey").getCollection("idempotency_keys")
                .find(Filters.and(Filters.eq("ws", ws), Filters.eq("key", "key-1"))).collect().first()
                .await().indefinitely();
        assertThat(stored).isNotNull();
        assertThat(stored.getString("resourceId")).isEqualTo(first.jsonPath().getString("id"));
        assertThat(stored.getBoolean("completed")).isTrue();
    }

    @Test
    void aRefusedCreateLeavesTheKeyFreeAndADeletedObjectIsNotResurrected() {
        String ws = TestData.workspace();
        String admin = TestTokens.admin(ws);
        assertThat(post("/api/v1/personas", admin, "k", Map.of("name", "")).statusCode()).isEqualTo(400);
        ExtractableResponse<Response> created = post("/api/v1/personas", admin, "k", Map.of("name", "Valid"));
        assertThat(created.statusCode()).isEqualTo(201);
        given().header("Authorization", bearer(admin)).header("If-Match", created.header("ETag"))
                .when().delete(created.header("Location")).then().statusCode(204);
        assertThat(post("/api/v1/personas", admin, "k", Map.of("name", "Valid")).statusCode()).isEqualTo(410);
        assertThat(count("/api/v1/personas", admin)).isZero();
        post("/api/v1/personas", admin, "k".repeat(201), Map.of("name", "Valid")).response().then().statusCode(400)
                .body("errors[0].field", equalTo("Idempotency-Key"));
    }

    @Test
    void aRetriedJourneyCreateAnswersTheFirstJourney() {
        String ws = TestData.workspace();
        String admin = TestTokens.admin(ws);
        ExtractableResponse<Response> first = post("/api/v1/journeys", admin, "j-1", journeyBody("Online purchase"));
        ExtractableResponse<Response> retry = post("/api/v1/journeys", admin, "j-1", journeyBody("Online purchase"));
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.header("Idempotency-Replayed")).isEqualTo("true");
        assertThat(retry.jsonPath().getString("id")).isEqualTo(first.jsonPath().getString("id"));
        assertThat(retry.jsonPath().getList("stages.touchpoints.flatten().id"))
                .isEqualTo(first.jsonPath().getList("stages.touchpoints.flatten().id"));
        assertThat(post("/api/v1/journeys", admin, "j-1", journeyBody("Other")).statusCode()).isEqualTo(422);
        assertThat(count("/api/v1/journeys", admin)).isEqualTo(1);
    }

    @Test
    void concurrentCreatesWithOneKeyMakeOnePersona() throws Exception {
        String ws = TestData.workspace();
        String admin = TestTokens.admin(ws);
        int clients = 6;
        HttpClient http = HttpClient.newHttpClient();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return http.send(HttpRequest.newBuilder(personasUri)
                            .header("Authorization", bearer(admin)).header("Content-Type", "application/json")
                            .header("Idempotency-Key", "same")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"Racer\"}")).build(),
                            HttpResponse.BodyHandlers.ofString());
                }));
            }
            start.countDown();
            for (Future<HttpResponse<String>> answer : answers) {
                assertThat(answer.get().statusCode()).isIn(200, 201);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(count("/api/v1/personas", admin)).isEqualTo(1);
    }
}
