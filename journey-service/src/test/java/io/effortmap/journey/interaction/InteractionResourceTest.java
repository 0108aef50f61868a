package io.effortmap.journey.interaction;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static io.effortmap.journey.support.TestData.bearer;
import static io.effortmap.journey.support.TestData.createJourney;
import static io.effortmap.journey.support.TestData.interaction;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.effortmap.journey.interaction.repository.InteractionRepository;
import io.effortmap.journey.support.TestData;
import io.effortmap.testsupport.MongoResource;
import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(MongoResource.class)
@WithTestResource(TestOidcResource.class)
class InteractionResourceTest {

    @Inject
    InteractionRepository repository;

    @Inject
    ObjectMapper objectMapper;

    @TestHTTPResource("/api/v1/interactions")
    URI interactionsUri;

    String ws;
    String partner;
    String journeyId;
    String landingPage;
    String checkout;
    String checkoutStage;

    @BeforeEach
    void journey() {
        ws = TestData.workspace();
        partner = TestTokens.partner(ws);
        JsonPath journey = createJourney(ws, TestTokens.admin(ws));
        journeyId = journey.getString("id");
        landingPage = journey.getString("stages[0].touchpoints[0].id");
        checkout = journey.getString("stages[1].touchpoints[0].id");
        checkoutStage = journey.getString("stages[1].id");
    }

    private JsonPath push(String token, Object body) {
        return given().header("Authorization", bearer(token)).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/interactions")
                .then().statusCode(200).extract().jsonPath();
    }

    private long stored(String source, String externalId) {
        return repository.mongoCollection()
                .countDocuments(and(eq("workspace", ws), eq("source", source), eq("externalId", externalId)))
                .await().indefinitely();
    }

    @Test
    void validItemsAreAcceptedAndInvalidOnesRejectedWithReasons() {
        Map<String, Object> negativeDuration = interaction("e-4", journeyId, checkout);
        negativeDuration.put("durationSeconds", -1);
        Map<String, Object> unknownProperty = interaction("e-5", journeyId, checkout);
        unknownProperty.put("workspace", "someone-else");
        Map<String, Object> badInstant = interaction("e-6", journeyId, checkout);
        badInstant.put("occurredAt", "yesterday");
        Map<String, Object> badOutcome = interaction("e-7", journeyId, checkout);
        badOutcome.put("outcome", "happy");
        Map<String, Object> missing = interaction("e-8", journeyId, checkout);
        missing.remove("customerId");
        missing.remove("outcome");

        JsonPath result = push(partner, List.of(
                interaction("e-1", journeyId, landingPage),
                interaction("e-2", journeyId, "tp_doesnotexist"),
                interaction("e-3", journeyId, checkout),
                negativeDuration, unknownProperty, badInstant, badOutcome, missing, "not an object"));

        assertThat(result.getInt("accepted")).isEqualTo(2);
        assertThat(result.getInt("duplicates")).isZero();
        assertThat(result.getInt("rejected")).isEqualTo(7);
        assertThat(result.getList("results.index")).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(result.getList("results.status"))
                .containsExactly("accepted", "rejected", "accepted", "rejected", "rejected", "rejected", "rejected", "rejected", "rejected");
        assertThat(result.getString("results[0].externalId")).isEqualTo("e-1");
        assertThat(result.getString("results[0].id")).matches("^ix_[A-Za-z0-9_-]{16}$");
        assertThat(result.getList("results[0].errors")).isEmpty();
        assertThat(result.getString("results[1].id")).isNull();
        assertThat(result.getList("results[1].errors.field")).containsExactly("touchpointId");
        assertThat(result.getList("results[3].errors.field")).containsExactly("durationSeconds");
        assertThat(result.getList("results[4].errors.field")).containsExactly("workspace");
        assertThat(result.getList("results[4].errors.message")).containsExactly("is not a known property");
        assertThat(result.getList("results[5].errors.field")).containsExactly("occurredAt");
        assertThat(result.getList("results[6].errors.field")).containsExactly("outcome");
        assertThat(result.getList("results[7].errors.field")).containsExactly("customerId", "outcome");
        assertThat(result.getList("results[8].errors.field")).containsExactly("item");
        assertThat(result.getString("results[8].externalId")).isNull();

        String source = "crm-" + ws;
        assertThat(stored(source, "e-1")).isEqualTo(1);
        assertThat(stored(source, "e-3")).isEqualTo(1);
        for (String rejected : List.of("e-2", "e-4", "e-5", "e-6", "e-7", "e-8")) {
            assertThat(stored(source, rejected)).as(rejected).isZero();
        }
    }

    @Test
    void pushingTheSameItemsAgainAnswersDuplicateWithTheStoredIds() {
        List<Map<String, Object>> items = List.of(interaction("a", journeyId, checkout), interaction("b", journeyId, checkout));
        JsonPath first = push(partner, items);
        JsonPath second = push(partner, items);

        assertThat(first.getList("results.status")).containsExactly("accepted", "accepted");
        assertThat(second.getInt("accepted")).isZero();
        assertThat(second.getInt("duplicates")).isEqualTo(2);
        assertThat(second.getList("results.status")).containsExactly("duplicate", "duplicate");
        assertThat(second.getList("results.id")).isEqualTo(first.getList("results.id"));
        assertThat(stored("crm-" + ws, "a")).isEqualTo(1);
    }

    @Test
    void sameExternalIdTwiceInOnePushIsStoredOnce() {
        JsonPath result = push(partner, List.of(
                interaction("twice", journeyId, checkout), interaction("other", journeyId, checkout),
                interaction("twice", journeyId, landingPage)));

        assertThat(result.getList("results.status")).containsExactly("accepted", "accepted", "duplicate");
        assertThat(result.getString("results[2].id")).isEqualTo(result.getString("results[0].id"));
        assertThat(stored("crm-" + ws, "twice")).isEqualTo(1);
    }

    @Test
    void idempotencyKeyIncludesTheSourceClient() {
        JsonPath byPartner = push(partner, List.of(interaction("shared", journeyId, checkout)));
        JsonPath byAdmin = push(TestTokens.admin(ws), List.of(interaction("shared", journeyId, checkout)));

        assertThat(byPartner.getString("results[0].status")).isEqualTo("accepted");
        assertThat(byAdmin.getString("results[0].status")).isEqualTo("accepted");
        assertThat(byAdmin.getString("results[0].id")).isNotEqualTo(byPartner.getString("results[0].id"));
        assertThat(stored("effortmap-web", "shared")).isEqualTo(1);
    }

    @Test
    void concurrentIdenticalPushesStoreExactlyOneDocument() throws Exception {
        String body = objectMapper.writeValueAsString(List.of(interaction("race", journeyId, checkout)));
        HttpClient client = HttpClient.newHttpClient();
        int pushers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(pushers);
        try {
            List<Future<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < pushers; i++) {
                responses.add(pool.submit(() -> {
                    start.await();
                    return client.send(HttpRequest.newBuilder(interactionsUri)
                            .header("Authorization", bearer(partner)).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                }));
            }
            start.countDown();
            List<String> statuses = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (Future<HttpResponse<String>> f : responses) {
                HttpResponse<String> response = f.get();
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                JsonPath json = new JsonPath(response.body());
                statuses.add(json.getString("results[0].status"));
                ids.add(json.getString("results[0].id"));
            }
            assertThat(statuses).containsOnlyOnce("accepted").containsOnly("accepted", "duplicate");
            assertThat(ids).containsOnly(ids.getFirst());
            assertThat(stored("crm-" + ws, "race")).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void journeysOfAnotherWorkspaceAreUnknown() {
        String otherWs = TestData.workspace();
        JsonPath foreign = createJourney(otherWs, TestTokens.admin(otherWs));

        JsonPath result = push(partner, List.of(
                interaction("x-1", foreign.getString("id"), foreign.getString("stages[0].touchpoints[0].id")),
                interaction("x-2", "jr_doesnotexist", checkout),
                interaction("x-3", "not-an-id", checkout)));

        assertThat(result.getList("results.status")).containsOnly("rejected");
        assertThat(result.getList("results.errors.flatten().field")).containsOnly("journeyId");
    }

    @Test
    void arrayOutsideOneToThousandItemsIsBadRequestNamingBody() {
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(interaction("m-" + i, journeyId, checkout));
        }
        for (Object body : List.of(List.of(), tooMany, Map.of("externalId", "x"), "\"text\"")) {
            given().header("Authorization", bearer(partner)).contentType(ContentType.JSON).body(body)
                    .when().post("/api/v1/interactions")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", contains("body"));
        }
        given().header("Authorization", bearer(partner)).contentType(ContentType.JSON).body("[{")
                .when().post("/api/v1/interactions")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void thousandItemsAreAcceptedInOnePush() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            items.add(interaction("k-" + i, journeyId, i % 2 == 0 ? checkout : landingPage));
        }
        JsonPath result = push(partner, items);
        assertThat(result.getInt("accepted")).isEqualTo(1000);
        assertThat(result.getList("results.id", String.class)).doesNotHaveDuplicates().doesNotContainNull();
    }

    @Test
    void onlyCrmPartnersAndAdminsMayPush() {
        List<Map<String, Object>> body = List.of(interaction("r", journeyId, checkout));
        for (String token : List.of(TestTokens.analyst(ws), TestTokens.service())) {
            given().header("Authorization", bearer(token)).contentType(ContentType.JSON).body(body)
                    .when().post("/api/v1/interactions")
                    .then().statusCode(403).contentType("application/problem+json");
        }
        given().contentType(ContentType.JSON).body(body).when().post("/api/v1/interactions")
                .then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
        assertThat(stored("crm-" + ws, "r")).isZero();
    }

    @Test
    void operatorLookingValuesAreRejectedOrStoredAsPlainText() {
        Map<String, Object> objectId = interaction("ignored", journeyId, checkout);
        objectId.put("externalId", Map.of("$gt", ""));
        Map<String, Object> objectJourney = interaction("inj-2", journeyId, checkout);
        objectJourney.put("journeyId", Map.of("$ne", ""));
        Map<String, Object> operatorKey = interaction("inj-3", journeyId, checkout);
        operatorKey.put("segments", Map.of("$where", "1", "a.b", "x"));
        Map<String, Object> operatorText = interaction("{\"$gt\":\"\"}", journeyId, checkout);
        operatorText.put("customerId", "$where");

        JsonPath result = push(partner, List.of(objectId, objectJourney, operatorKey, operatorText));

        assertThat(result.getList("results.status")).containsExactly("rejected", "rejected", "rejected", "accepted");
        assertThat(result.getList("results[0].errors.field")).containsExactly("externalId");
        assertThat(result.getList("results[1].errors.field")).containsExactly("journeyId");
        assertThat(result.getList("results[2].errors.field")).containsExactlyInAnyOrder("segments[$where]", "segments[a.b]");
        assertThat(stored("crm-" + ws, "{\"$gt\":\"\"}")).isEqualTo(1);
        // A literal "{"$gt":""}" matches only itself: pushing it again is a duplicate of that one document.
        assertThat(push(partner, List.of(operatorText)).getString("results[0].status")).isEqualTo("duplicate");
    }

    @Test
    void segmentsAndTimesAreBounded() {
        Map<String, Object> tooManySegments = interaction("s-1", journeyId, checkout);
        Map<String, String> segments = new HashMap<>();
        for (int i = 0; i < 11; i++) {
            segments.put("k" + i, "v");
        }
        tooManySegments.put("segments", segments);
        Map<String, Object> future = interaction("s-2", journeyId, checkout);
        future.put("occurredAt", Instant.now().plus(1, ChronoUnit.DAYS).toString());
        Map<String, Object> longValue = interaction("s-3", journeyId, checkout);
        longValue.put("segments", Map.of("region", "x".repeat(201)));
        Map<String, Object> noSegmentsNoChannel = interaction("s-4", journeyId, checkout);
        noSegmentsNoChannel.remove("segments");
        noSegmentsNoChannel.remove("channel");
        noSegmentsNoChannel.remove("durationSeconds");

        JsonPath result = push(partner, List.of(tooManySegments, future, longValue, noSegmentsNoChannel));

        assertThat(result.getList("results.status")).containsExactly("rejected", "rejected", "rejected", "accepted");
        assertThat(result.getList("results[0].errors.field")).containsExactly("segments");
        assertThat(result.getList("results[1].errors.field")).containsExactly("occurredAt");
        assertThat(result.getList("results[2].errors.field")).containsExactly("segments[region]");
    }
}
