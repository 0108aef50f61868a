package io.effortmap.survey.feed.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.effortmap.survey.testing.Fixtures;
import io.effortmap.survey.testing.JourneyStubResource;
import io.effortmap.survey.testing.TestDb;
import io.effortmap.testsupport.PostgresResource;
import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(TestOidcResource.class)
@WithTestResource(JourneyStubResource.class)
class ResponseFeedResourceTest {

    private static final String WS = "ws-feed";
    private static final String FEED = "/internal/v1/feed/responses";
    private static final String START = "00000000000000000000:0000000000000000000";

    private String surveyId;

    @BeforeEach
    void activeSurvey() {
        surveyId = Fixtures.activeSurvey(WS);
    }

    /** One page as the service token reads it. */
    private static Map<String, Object> page(String after, int limit) {
        return given().auth().oauth2(TestTokens.service()).queryParam("after", after).queryParam("limit", limit)
                .when().get(FEED)
                .then().statusCode(200).contentType(ContentType.JSON)
                .extract().jsonPath().getMap("");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }

    /** Reads until an empty page, like metrics-service does; answers every item read and the final cursor. */
    private static String drain(String after, List<Map<String, Object>> into) {
        String cursor = after;
        while (true) {
            Map<String, Object> page = page(cursor, 50);
            List<Map<String, Object>> items = items(page);
            into.addAll(items);
            cursor = (String) page.get("next");
            if (items.isEmpty()) {
                return cursor;
            }
        }
    }

    private static String endOfFeed() {
        return drain(START, new ArrayList<>());
    }

    private static List<String> ids(List<Map<String, Object>> items) {
        return items.stream().map(i -> (String) i.get("id")).toList();
    }

    /** Opens a transaction that inserts one response (and its answer) and leaves it uncommitted. */
    private Connection openTransactionWithResponse(UUID id) throws SQLException {
        Connection c = TestDb.connect();
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO response (id, workspace, survey_id, journey_id, touchpoint_id, customer_id, channel, segments,
                                      occurred_at, source, idempotency_key, request_hash)
                SELECT ?, workspace, id, journey_id, touchpoint_id, 'late-customer', 'phone', '{}'::jsonb,
                       now() - interval '1 hour', 'jdbc-test', ?, 'h'
                  FROM survey WHERE id = ?""")) {
            ps.setObject(1, id);
            ps.setString(2, id.toString());
            ps.setObject(3, UUID.fromString(surveyId));
            assertThat(ps.executeUpdate()).isOne();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO response_answer (response_id, position, question_key, kind, scale_min, scale_max, scoring, score)
                VALUES (?, 0, 'ces', 'CES', 1, 7, 'CES_AGREEMENT', 4)""")) {
            ps.setObject(1, id);
            ps.executeUpdate();
        }
        return c;
    }

    // ---- shape --------------------------------------------------------------------------------------------------

    @Test
    void feedItemsHaveExactlyTheContractShape() {
        String id = Fixtures.submitResponse(WS, surveyId, "c-shape");
        List<Map<String, Object>> read = new ArrayList<>();
        drain(START, read);
        Map<String, Object> item = read.stream().filter(i -> id.equals(i.get("id"))).findFirst().orElseThrow();

        assertThat(item).containsOnlyKeys("position", "id", "workspace", "surveyId", "journeyId", "touchpointId",
                "channel", "customerId", "segments", "occurredAt", "receivedAt", "answers");
        assertThat(item).containsEntry("workspace", WS)
                .containsEntry("surveyId", surveyId)
                .containsEntry("journeyId", Fixtures.JOURNEY)
                .containsEntry("channel", "web")
                .containsEntry("customerId", "c-shape")
                .containsEntry("segments", Map.of("region", "EU", "plan", "pro"));
        assertThat((String) item.get("position")).matches("\\d{20}:\\d{19}");
        assertThat(Instant.parse((String) item.get("occurredAt"))).isBefore(Instant.now());
        assertThat(Instant.parse((String) item.get("receivedAt"))).isAfter(Instant.now().minus(1, ChronoUnit.MINUTES));
        Map<String, Object> expectedCes = new LinkedHashMap<>();
        expectedCes.put("questionKey", "ces");
        expectedCes.put("kind", "CES");
        expectedCes.put("scaleMin", 1);
        expectedCes.put("scaleMax", 7);
        expectedCes.put("scoring", "CES_AGREEMENT");
        expectedCes.put("score", 6);
        expectedCes.put("text", null);
        Map<String, Object> expectedComment = new HashMap<>();
        expectedComment.put("questionKey", "comment");
        expectedComment.put("kind", "COMMENT");
        expectedComment.put("scaleMin", null);
        expectedComment.put("scaleMax", null);
        expectedComment.put("scoring", "TEXT");
        expectedComment.put("score", null);
        expectedComment.put("text", "Quick and painless");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> answers = (List<Map<String, Object>>) item.get("answers");
        assertThat(answers).hasSize(3);
        assertThat(answers.get(0)).isEqualTo(expectedCes);
        assertThat(answers.get(1)).containsEntry("questionKey", "csat").containsEntry("scoring", "CSAT")
                .containsEntry("scaleMax", 7).containsEntry("score", 7);
        assertThat(answers.get(2)).isEqualTo(expectedComment);
    }

    @Test
    void positionsIncreaseAsStringsAndNextPointsAfterTheLastItem() {
        for (int i = 0; i < 3; i++) {
            Fixtures.submitResponse(WS, surveyId, "c-order-" + i);
        }
        List<Map<String, Object>> read = new ArrayList<>();
        String end = drain(START, read);
        List<String> positions = read.stream().map(i -> (String) i.get("position")).toList();
        assertThat(positions).hasSizeGreaterThanOrEqualTo(3).doesNotHaveDuplicates();
        List<String> sorted = new ArrayList<>(positions);
        Collections.sort(sorted);
        assertThat(positions).as("feed order is string order").isEqualTo(sorted);
        assertThat(end).isEqualTo(positions.getLast());

        Map<String, Object> one = page(START, 1);
        assertThat(items(one)).hasSize(1);
        assertThat(one.get("next")).isEqualTo(items(one).getFirst().get("position"));

        Map<String, Object> empty = page(end, 10);
        assertThat(items(empty)).isEmpty();
        assertThat(empty.get("next")).as("an empty page keeps the cursor").isEqualTo(end);
        given().auth().oauth2(TestTokens.service()).when().get(FEED).then().statusCode(200)
                .body("items[0].position", equalTo(positions.getFirst()));
    }

    // ---- never skipping -----------------------------------------------------------------------------------------

    @Test
    void responsesOnBothSidesOfATransactionIdGainingADigitAreAllServedInOrder() throws Exception {
        String before = Fixtures.submitResponse(WS, surveyId, "c-digits-before");
        long txBefore = TestDb.count("select tx_id::text::bigint from response where id = ?::uuid", before);
        long boundary = 1;
        while (boundary <= txBefore) {
            boundary *= 10;
        }
        burnTransactionIds(boundary - txBefore + 10);
        String after = Fixtures.submitResponse(WS, surveyId, "c-digits-after");
        assertThat(TestDb.count("select tx_id::text::bigint from response where id = ?::uuid", after))
                .as("the second response's transaction id has one more digit").isGreaterThanOrEqualTo(boundary);

        List<Map<String, Object>> read = new ArrayList<>();
        drain(START, read);
        List<String> positions = read.stream().map(i -> (String) i.get("position")).toList();
        List<String> sorted = new ArrayList<>(positions);
        Collections.sort(sorted);
        assertThat(positions).as("feed order across the digit boundary").isEqualTo(sorted);
        assertThat(ids(read)).contains(before, after).doesNotHaveDuplicates()
                .hasSize((int) TestDb.count("select count(*) from response where tx_id < pg_snapshot_xmin(pg_current_snapshot())"));
    }

    /** Each subtransaction that writes takes a transaction id of its own: a cheap way to move the counter on. */
    private static void burnTransactionIds(long count) {
        TestDb.execute("""
                DO $$
                BEGIN
                  CREATE TEMP TABLE IF NOT EXISTS xid_burner (n int);
                  FOR i IN 1..%d LOOP
                    BEGIN
                      INSERT INTO xid_burner VALUES (i);
                      RAISE EXCEPTION 'roll back this subtransaction only';
                    EXCEPTION WHEN raise_exception THEN NULL;
                    END;
                  END LOOP;
                END $$""".formatted(count));
    }


    @Test
    void aResponseWhoseTransactionCommitsLateIsServedNotSkipped() throws Exception {
        String cursor = endOfFeed();
        UUID late = UUID.randomUUID();
        List<String> prompt = new ArrayList<>();
        try (Connection held = openTransactionWithResponse(late)) {
            for (int i = 0; i < 3; i++) {
                prompt.add(Fixtures.submitResponse(WS, surveyId, "c-prompt-" + i));
            }
            assertThat(TestDb.count("select count(*) from response where id = any(?::uuid[])",
                    "{" + String.join(",", prompt) + "}")).as("committed while the late one is open").isEqualTo(3);

            List<Map<String, Object>> whileOpen = new ArrayList<>();
            String cursorWhileOpen = drain(cursor, whileOpen);
            assertThat(ids(whileOpen)).as("held back behind the open transaction").doesNotContainAnyElementsOf(prompt);
            assertThat(cursorWhileOpen).isEqualTo(cursor);

            held.commit();
        }
        // Out-of-order commit: the late row took both its transaction id and its sequence number first.
        assertThat(TestDb.count("select count(*) from response where id = ?::uuid and seq < "
                + "(select min(seq) from response where id = any(?::uuid[]))",
                late.toString(), "{" + String.join(",", prompt) + "}")).isOne();
        assertThat(TestDb.count("select count(*) from response where id = ?::uuid and tx_id < "
                + "(select min(tx_id) from response where id = any(?::uuid[]))",
                late.toString(), "{" + String.join(",", prompt) + "}")).isOne();
        List<Map<String, Object>> after = new ArrayList<>();
        drain(cursor, after);
        List<String> read = ids(after);
        assertThat(read).containsSubsequence(late.toString(), prompt.get(0), prompt.get(1), prompt.get(2));
        assertThat(read).doesNotHaveDuplicates();
        Map<String, Object> lateItem = after.stream().filter(i -> late.toString().equals(i.get("id"))).findFirst().orElseThrow();
        assertThat(lateItem).containsEntry("customerId", "late-customer").containsEntry("channel", "phone");
    }

    @Test
    void concurrentWritersAndLateCommitsAreEachReadExactlyOnce() throws Exception {
        String start = endOfFeed();
        Set<String> written = Collections.synchronizedSet(new HashSet<>());
        List<Map<String, Object>> read = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean writersDone = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(9);
        try {
            CountDownLatch go = new CountDownLatch(1);
            Future<?> reader = pool.submit(() -> {
                String cursor = start;
                go.await();
                while (true) {
                    boolean finished = writersDone.get();
                    Map<String, Object> page = page(cursor, 7);
                    List<Map<String, Object>> items = items(page);
                    read.addAll(items);
                    cursor = (String) page.get("next");
                    if (items.isEmpty()) {
                        if (finished) {
                            return null;
                        }
                        Thread.sleep(10);
                    }
                }
            });
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < 10; i++) {
                        written.add(Fixtures.submitResponse(WS, surveyId, "c-w" + writer + "-" + i));
                    }
                    return null;
                }));
            }
            for (int l = 0; l < 3; l++) {
                int delay = 100 + l * 150;
                writers.add(pool.submit(() -> {
                    go.await();
                    Thread.sleep(delay);
                    UUID id = UUID.randomUUID();
                    try (Connection held = openTransactionWithResponse(id)) {
                        Thread.sleep(300 + ThreadLocalRandom.current().nextInt(400));
                        held.commit();
                    }
                    written.add(id.toString());
                    return null;
                }));
            }
            writers.add(pool.submit(() -> {
                go.await();
                List<Map<String, Object>> items = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    Map<String, Object> item = new HashMap<>(Fixtures.responseBody(surveyId, "c-bulk-" + i));
                    item.put("externalId", "feed-bulk-" + UUID.randomUUID());
                    items.add(item);
                }
                List<String> ids = given().auth().oauth2(TestTokens.partner(WS)).contentType(ContentType.JSON)
                        .body(Map.of("items", items)).post("/api/v1/responses/bulk")
                        .then().statusCode(200).body("accepted", equalTo(20)).extract().path("results.id");
                written.addAll(ids);
                return null;
            }));
            go.countDown();
            for (Future<?> writer : writers) {
                writer.get();
            }
            writersDone.set(true);
            reader.get();
        } finally {
            pool.shutdownNow();
        }

        assertThat(written).hasSize(63);
        List<String> readIds = ids(read);
        assertThat(readIds).as("no response is served twice").doesNotHaveDuplicates();
        assertThat(readIds).as("every committed response is served").containsAll(written);
        List<String> positions = read.stream().map(i -> (String) i.get("position")).toList();
        List<String> sorted = new ArrayList<>(positions);
        Collections.sort(sorted);
        assertThat(positions).isEqualTo(sorted);
    }

    // ---- parameters and security --------------------------------------------------------------------------------

    @Test
    void badParametersAre400NamingThem() {
        for (String limit : List.of("0", "1001", "many")) {
            given().auth().oauth2(TestTokens.service()).queryParam("limit", limit)
                    .when().get(FEED)
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("title", equalTo("Bad Request"))
                    .body("errors.field", contains("limit"))
                    .body("errors[0].message", equalTo("must be a whole number from 1 to 1000"));
        }
        for (String after : List.of("garbage", "1:2", "0000000000000000000a:0000000000000000000",
                "99999999999999999999:0000000000000000000")) {
            given().auth().oauth2(TestTokens.service()).queryParam("after", after)
                    .when().get(FEED)
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", contains("after"))
                    .body("errors[0].message", equalTo("is not a position returned by this feed"));
        }
        given().auth().oauth2(TestTokens.service()).queryParam("limit", 1000).when().get(FEED).then().statusCode(200);
    }

    @Test
    void onlyEffortmapServicesReadTheFeed() {
        given().when().get(FEED).then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("status", equalTo(401));
        for (String token : List.of(TestTokens.admin(WS), TestTokens.analyst(WS), TestTokens.partner(WS))) {
            given().auth().oauth2(token).when().get(FEED).then().statusCode(403)
                    .contentType("application/problem+json")
                    .body("title", equalTo("Forbidden"))
                    .body("status", equalTo(403));
        }
        given().auth().oauth2(TestTokens.service()).queryParam("limit", 1).when().get(FEED).then().statusCode(200)
                .body("items", hasSize(1));
    }
}
