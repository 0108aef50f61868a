package io.effortmap.journey.feed;

import static io.effortmap.journey.support.TestData.bearer;
import static io.effortmap.journey.support.TestData.createJourney;
import static io.effortmap.journey.support.TestData.interaction;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;

import io.effortmap.journey.interaction.repository.InteractionRepository;
import io.effortmap.journey.interaction.repository.SequenceCounter;
import io.effortmap.journey.support.TestData;
import io.effortmap.testsupport.MongoResource;
import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(MongoResource.class)
@WithTestResource(TestOidcResource.class)
class InteractionFeedResourceTest {

    private static final String FEED = "/internal/v1/feed/interactions";

    @Inject
    SequenceCounter counter;

    @Inject
    InteractionRepository repository;

    String ws;
    String partner;
    String journeyId;
    String checkout;
    String checkoutStage;
    String landingPage;

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

    private static JsonPath page(String after, int limit) {
        var request = given().header("Authorization", bearer(TestTokens.service())).queryParam("limit", limit);
        if (after != null) {
            request.queryParam("after", after);
        }
        return request.when().get(FEED).then().statusCode(200).extract().jsonPath();
    }

    private JsonPath push(List<Map<String, Object>> items) {
        return given().header("Authorization", bearer(partner)).contentType(ContentType.JSON).body(items)
                .when().post("/api/v1/interactions").then().statusCode(200).extract().jsonPath();
    }

    /** The current end of the feed: a cursor after everything that exists now. */
    private String head() {
        String after = null;
        while (true) {
            JsonPath page = page(after, 1000);
            String next = page.getString("next");
            if (page.getList("items").isEmpty() && next.equals(after)) {
                return next;
            }
            after = next;
        }
    }

    /** Reads the feed from {@code after} in pages of {@code limit} until it stops moving; items of this test's workspace. */
    private List<Map<String, Object>> readAll(String after, int limit, List<String> positions) {
        List<Map<String, Object>> mine = new ArrayList<>();
        String cursor = after;
        while (true) {
            JsonPath page = page(cursor, limit);
            List<Map<String, Object>> items = page.getList("items");
            assertThat(items.size()).isLessThanOrEqualTo(limit);
            for (Map<String, Object> item : items) {
                positions.add((String) item.get("position"));
                if (ws.equals(item.get("workspace"))) {
                    mine.add(item);
                }
            }
            String next = page.getString("next");
            assertThat(next.compareTo(cursor)).isGreaterThanOrEqualTo(0);
            if (items.isEmpty() && next.equals(cursor)) {
                return mine;
            }
            cursor = next;
        }
    }

    @Test
    void feedServesEveryAcceptedInteractionOnceInPositionOrderAcrossPages() {
        String start = head();
        Set<String> accepted = new HashSet<>();
        for (int push = 0; push < 3; push++) {
            List<Map<String, Object>> items = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                items.add(interaction("f-" + push + "-" + i, journeyId, i % 2 == 0 ? checkout : landingPage));
            }
            items.add(interaction("f-0-0", journeyId, checkout)); // a duplicate takes no place in the feed
            JsonPath result = push(items);
            for (int i = 0; i < result.getList("results").size(); i++) {
                if ("accepted".equals(result.getString("results[" + i + "].status"))) {
                    accepted.add(result.getString("results[" + i + "].id"));
                }
            }
        }
        assertThat(accepted).hasSize(27);

        List<String> positions = new ArrayList<>();
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            positions.clear();
            List<Map<String, Object>> mine = readAll(start, 7, positions);
            assertThat(mine).extracting(m -> (String) m.get("id")).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(accepted);
        });
        assertThat(positions).doesNotHaveDuplicates().isSorted().allMatch(p -> p.matches("^[0-9]{19}$"));
    }

    @Test
    void feedItemsCarryTheInteractionAndItsStage() {
        String start = head();
        Map<String, Object> noChannel = interaction("detail-1", journeyId, checkout);
        noChannel.remove("channel");
        String id = push(List.of(noChannel)).getString("results[0].id");

        List<Map<String, Object>> mine = new ArrayList<>();
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            mine.clear();
            mine.addAll(readAll(start, 1000, new ArrayList<>()));
            assertThat(mine).hasSize(1);
        });
        Map<String, Object> item = mine.getFirst();
        assertThat(item.keySet()).containsExactlyInAnyOrder("position", "id", "workspace", "source", "externalId",
                "customerId", "journeyId", "touchpointId", "stageId", "channel", "occurredAt", "receivedAt", "outcome",
                "durationSeconds", "segments");
        assertThat(item).containsEntry("id", id).containsEntry("workspace", ws).containsEntry("source", "crm-" + ws)
                .containsEntry("externalId", "detail-1").containsEntry("customerId", "cust-detail-1")
                .containsEntry("journeyId", journeyId).containsEntry("touchpointId", checkout)
                .containsEntry("stageId", checkoutStage).containsEntry("channel", "web")
                .containsEntry("occurredAt", "2025-06-15T10:00:00Z").containsEntry("outcome", "resolved")
                .containsEntry("durationSeconds", 120).containsEntry("segments", Map.of("region", "EU", "plan", "gold"));
        assertThat(Instant.parse((String) item.get("receivedAt"))).isAfter(Instant.parse("2025-06-15T10:00:00Z"));
    }

    @Test
    void feedStopsAtAPositionStillBeingWrittenAndPassesItOnceOverdue() {
        String start = head();
        // A writer took a position and has not inserted (yet, or ever: it may have crashed).
        long hole = counter.allocate(SequenceCounter.INTERACTIONS, 1).await().indefinitely();
        String id = push(List.of(interaction("after-hole", journeyId, checkout))).getString("results[0].id");

        JsonPath early = page(start, 1000);
        assertThat(early.getList("items.id")).doesNotContain(id);
        assertThat(Long.parseLong(early.getString("next"))).isLessThan(hole);

        List<Map<String, Object>> mine = new ArrayList<>();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            mine.clear();
            mine.addAll(readAll(start, 1000, new ArrayList<>()));
            assertThat(mine).extracting(m -> m.get("id")).containsExactly(id);
        });
        assertThat(Long.parseLong((String) mine.getFirst().get("position"))).isGreaterThan(hole);
    }

    @Test
    void writerThatLostItsPositionToAGapMarkerRetriesAtANewPosition() {
        String start = head();
        // The feed already marked the next position as a gap (as it does for an overdue writer).
        long next = counter.current(SequenceCounter.INTERACTIONS).await().indefinitely() + 1;
        repository.insertGapMarkers(List.of(next), Instant.now()).await().indefinitely();

        JsonPath result = push(List.of(interaction("late", journeyId, checkout)));
        assertThat(result.getString("results[0].status")).isEqualTo("accepted");
        String id = result.getString("results[0].id");

        List<Map<String, Object>> mine = new ArrayList<>();
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            mine.clear();
            mine.addAll(readAll(start, 1000, new ArrayList<>()));
            assertThat(mine).extracting(m -> m.get("id")).containsExactly(id);
        });
        assertThat(Long.parseLong((String) mine.getFirst().get("position"))).isGreaterThan(next);
    }

    @Test
    void concurrentDuplicatePushesAppearOnceInTheFeed() throws Exception {
        String start = head();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            threads.add(Thread.ofVirtual().start(() -> push(List.of(interaction("dup", journeyId, checkout)))));
        }
        for (Thread t : threads) {
            t.join();
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(readAll(start, 3, new ArrayList<>())).hasSize(1));
    }

    @Test
    void onlyEffortmapServicesMayReadTheFeed() {
        for (String token : List.of(TestTokens.admin(ws), TestTokens.analyst(ws), partner)) {
            given().header("Authorization", bearer(token)).when().get(FEED)
                    .then().statusCode(403).contentType("application/problem+json");
        }
        given().when().get(FEED).then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void malformedCursorOrLimitIsBadRequest() {
        for (String after : List.of("abc", "{\"$gt\":\"\"}", "-1", "99999999999999999999", "9999999999999999999")) {
            given().header("Authorization", bearer(TestTokens.service())).queryParam("after", after)
                    .when().get(FEED)
                    .then().statusCode(400).contentType("application/problem+json").body("errors.field", contains("after"));
        }
        for (String limit : List.of("0", "1001", "x")) {
            given().header("Authorization", bearer(TestTokens.service())).queryParam("limit", limit)
                    .when().get(FEED)
                    .then().statusCode(400).contentType("application/problem+json").body("errors.field", contains("limit"));
        }
        JsonPath defaults = given().header("Authorization", bearer(TestTokens.service())).when().get(FEED)
                .then().statusCode(200).extract().jsonPath();
        assertThat(defaults.getList("items").size()).isLessThanOrEqualTo(500);
    }
}
