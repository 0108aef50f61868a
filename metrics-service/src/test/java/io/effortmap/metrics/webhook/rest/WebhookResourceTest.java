package io.effortmap.metrics.webhook.rest;

import static io.effortmap.metrics.testing.FeedStub.answer;
import static io.effortmap.metrics.testing.FeedStub.ces;
import static io.effortmap.metrics.testing.FeedStub.today;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.effortmap.metrics.testing.FeedStub;
import io.effortmap.metrics.testing.UpstreamStubResource;
import io.effortmap.metrics.testing.WebhookReceiver;
import io.effortmap.testsupport.MongoResource;
import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhook subscriptions and signed deliveries to a real local receiver, which checks every signature itself. Retry
 * timing runs on the %test settings: base 100 ms, cap 400 ms, 4 attempts.
 */
@QuarkusTest
@WithTestResource(MongoResource.class)
@WithTestResource(TestOidcResource.class)
@WithTestResource(UpstreamStubResource.class)
class WebhookResourceTest {

    private static final String PATH = "/api/v1/webhooks";
    private static WebhookReceiver receiver;

    @ConfigProperty(name = "quarkus.rest-client.survey-feed.url")
    String stub;

    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    @Inject
    ReactiveMongoClient mongo;

    private FeedStub feed;
    private String workspace;

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stopReceiver() throws Exception {
        receiver.close();
    }

    @BeforeEach
    void ownWorkspace() {
        feed = new FeedStub(stub, mongo, database);
        workspace = "ws-hooks-" + UUID.randomUUID();
    }

    @Test
    void theSecretIsShownOnceAndReadsNeverCarryIt() {
        String path = "/crud-" + UUID.randomUUID();
        ValidatableResponse created = create(path, "\"alert.opened\", \"alert.opened\"").statusCode(201)
                .header("Location", matchesPattern("/api/v1/webhooks/wh_[0-9a-z]{9}[A-Za-z0-9_-]{12}"))
                .header("ETag", "\"1\"")
                .body("url", equalTo(receiver.url(path)))
                .body("eventTypes", equalTo(List.of("alert.opened")))
                .body("secret", matchesPattern("whsec_[A-Za-z0-9+/]{43}="));
        String id = created.extract().path("id");

        given().auth().oauth2(TestTokens.analyst(workspace)).get(PATH + "/" + id).then().statusCode(200)
                .header("ETag", "\"1\"").body("$", not(hasKey("secret"))).body("id", equalTo(id));
        given().auth().oauth2(TestTokens.analyst(workspace)).get(PATH).then().statusCode(200)
                .body("items", hasSize(1)).body("items[0]", not(hasKey("secret")));
    }

    @Test
    void aRotatedSecretSignsNextToTheOldOneDuringTheGracePeriod() {
        String path = "/rotate-" + UUID.randomUUID();
        String id = subscribe(path, "response.detractor");
        String old = given().auth().oauth2(TestTokens.admin(workspace)).get(PATH + "/" + id).then().statusCode(200)
                .extract().header("ETag");

        given().auth().oauth2(TestTokens.admin(workspace)).post(PATH + "/" + id + "/rotate-secret").then().statusCode(428);
        given().auth().oauth2(TestTokens.analyst(workspace)).header("If-Match", old)
                .post(PATH + "/" + id + "/rotate-secret").then().statusCode(403);
        String fresh = given().auth().oauth2(TestTokens.admin(workspace)).header("If-Match", old)
                .post(PATH + "/" + id + "/rotate-secret").then().statusCode(200).header("ETag", "\"2\"")
                .body("secret", matchesPattern("whsec_[A-Za-z0-9+/]{43}=")).extract().path("secret");
        given().auth().oauth2(TestTokens.admin(workspace)).header("If-Match", old)
                .post(PATH + "/" + id + "/rotate-secret").then().statusCode(412);
        given().auth().oauth2(TestTokens.analyst(workspace)).get(PATH + "/" + id).then().statusCode(200)
                .body("$", not(hasKey("secret"))).body("version", equalTo(2));

        // The receiver still only knows the old secret: the second signature keeps it working.
        feed.respond(workspace, today(), answer("NPS", 0, 10, "NPS", 4));
        awaitDelivery(id, "DELIVERED");
        assertThat(receiver.received(path)).hasSize(1).allMatch(WebhookReceiver.Received::signatureValid);
        assertThat(receiver.received(path).getFirst().signature().split(" ")).hasSize(2);

        receiver.secret(path, fresh);
        feed.respond(workspace, today(), answer("NPS", 0, 10, "NPS", 5));
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received(path).size() == 2);
        assertThat(receiver.received(path).get(1).signatureValid()).isTrue();
    }

    @Test
    void invalidSubscriptionsAreRejectedNamingTheField() {
        for (String[] c : new String[][] {
            {"{\"url\": \"ftp://example.com/x\", \"eventTypes\": [\"alert.opened\"]}", "url"},
            {"{\"url\": \"https://user:pw@example.com/x\", \"eventTypes\": [\"alert.opened\"]}", "url"},
            {"{\"url\": \"not a url\", \"eventTypes\": [\"alert.opened\"]}", "url"},
            {"{\"url\": \"https://example.com/x\", \"eventTypes\": []}", "eventTypes"},
            {"{\"url\": \"https://example.com/x\", \"eventTypes\": [\"alert.snoozed\"]}", "eventTypes[0]"},
            {"{\"url\": \"https://example.com/x\"}", "eventTypes"},
            {"{\"url\": \"https://example.com/x\", \"eventTypes\": [\"alert.opened\"], \"secret\": \"mine\"}", "secret"},
        }) {
            given().auth().oauth2(TestTokens.admin(workspace)).contentType("application/json").body(c[0]).post(PATH)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo(c[1]));
        }
    }

    @Test
    void onlyAdminsManageWebhooksAndOtherWorkspacesSeeNothing() {
        String id = create("/roles-" + UUID.randomUUID(), "\"alert.opened\"").statusCode(201).extract().path("id");
        String body = "{\"url\": \"https://example.com/x\", \"eventTypes\": [\"alert.opened\"]}";

        given().auth().oauth2(TestTokens.analyst(workspace)).contentType("application/json").body(body).post(PATH)
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.analyst(workspace)).contentType("application/json").header("If-Match", "\"1\"")
                .body(body).put(PATH + "/" + id).then().statusCode(403);
        given().auth().oauth2(TestTokens.partner(workspace)).get(PATH).then().statusCode(403);
        given().auth().oauth2(TestTokens.partner(workspace)).get(PATH + "/" + id + "/deliveries").then().statusCode(403);
        given().get(PATH).then().statusCode(401);

        given().auth().oauth2(TestTokens.admin("ws-b")).get(PATH + "/" + id).then().statusCode(404);
        given().auth().oauth2(TestTokens.admin("ws-b")).get(PATH + "/" + id + "/deliveries").then().statusCode(404);
        given().auth().oauth2(TestTokens.admin("ws-b")).header("If-Match", "\"1\"").delete(PATH + "/" + id)
                .then().statusCode(404);

        given().auth().oauth2(TestTokens.admin(workspace)).contentType("application/json").body(body)
                .put(PATH + "/" + id).then().statusCode(428);
        given().auth().oauth2(TestTokens.admin(workspace)).contentType("application/json").header("If-Match", "\"7\"")
                .body(body).put(PATH + "/" + id).then().statusCode(412);
        given().auth().oauth2(TestTokens.admin(workspace)).contentType("application/json").header("If-Match", "\"1\"")
                .body(body).put(PATH + "/" + id).then().statusCode(200).header("ETag", "\"2\"")
                .body("url", equalTo("https://example.com/x")).body("$", not(hasKey("secret")));
        given().auth().oauth2(TestTokens.admin(workspace)).header("If-Match", "\"2\"").delete(PATH + "/" + id)
                .then().statusCode(204);
        given().auth().oauth2(TestTokens.admin(workspace)).get(PATH + "/" + id).then().statusCode(404);
    }

    @Test
    void aFailingReceiverGetsRetriesWithBackoffUntilItAccepts() {
        String path = "/flaky-" + UUID.randomUUID();
        String id = subscribe(path, "response.detractor");
        receiver.failFirst(path, 2);

        String response = feed.respond(workspace, today(), answer("NPS", 0, 10, "NPS", 3));

        JsonPath delivery = awaitDelivery(id, "DELIVERED");
        assertThat(delivery.getList("log.statusCode", Integer.class)).containsExactly(500, 500, 204);
        assertThat(delivery.getInt("attempts")).isEqualTo(3);
        List<String> at = delivery.getList("log.at", String.class);
        // Backoff 100 ms after the first failure, 200 ms after the second.
        assertThat(Duration.between(java.time.Instant.parse(at.get(0)), java.time.Instant.parse(at.get(1))))
                .isGreaterThanOrEqualTo(Duration.ofMillis(100));
        assertThat(Duration.between(java.time.Instant.parse(at.get(1)), java.time.Instant.parse(at.get(2))))
                .isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(delivery.getString("log[0].error")).isEqualTo("HTTP 500");
        assertThat(delivery.getLong("log[0].durationMs")).isNotNegative();

        List<WebhookReceiver.Received> got = receiver.received(path);
        assertThat(got).hasSize(3);
        assertThat(got).allMatch(WebhookReceiver.Received::signatureValid);
        assertThat(got).extracting(WebhookReceiver.Received::webhookId).containsOnly(delivery.getString("id"));
        assertThat(got).extracting(WebhookReceiver.Received::body).containsOnly(delivery.getString("payload"));
        JsonPath body = JsonPath.from(got.getLast().body());
        assertThat(body.getString("type")).isEqualTo("response.detractor");
        assertThat(body.getString("data.responseId")).isEqualTo(response);
        assertThat(body.getInt("data.score")).isEqualTo(3);
        assertThat(Math.abs(got.getLast().timestamp() - java.time.Instant.now().getEpochSecond())).isLessThan(60);
    }

    @Test
    void aReceiverThatKeepsFailingEndsFailedAndAReplayDeliversTheSameMessage() {
        String path = "/down-" + UUID.randomUUID();
        String id = subscribe(path, "response.hard_effort");
        receiver.down(path, true);

        feed.respond(workspace, today(), ces(1));

        JsonPath failed = awaitDelivery(id, "FAILED");
        assertThat(failed.getList("log.statusCode", Integer.class)).containsExactly(500, 500, 500, 500);
        String webhookId = failed.getString("id");

        receiver.down(path, false);
        given().auth().oauth2(TestTokens.admin(workspace)).post(PATH + "/" + id + "/deliveries/" + webhookId + "/replay")
                .then().statusCode(202).body("id", equalTo(webhookId)).body("state", equalTo("PENDING"));

        JsonPath delivered = awaitDelivery(id, "DELIVERED");
        assertThat(delivered.getList("log.statusCode", Integer.class)).containsExactly(500, 500, 500, 500, 204);
        List<WebhookReceiver.Received> got = receiver.received(path);
        assertThat(got).hasSize(5);
        assertThat(got).extracting(WebhookReceiver.Received::webhookId).containsOnly(webhookId);
        assertThat(got).allMatch(WebhookReceiver.Received::signatureValid);

        given().auth().oauth2(TestTokens.analyst(workspace)).post(PATH + "/" + id + "/deliveries/" + webhookId + "/replay")
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.admin(workspace)).post(PATH + "/" + id + "/deliveries/msg_unknown/replay")
                .then().statusCode(404);
        given().auth().oauth2(TestTokens.admin("ws-b")).post(PATH + "/" + id + "/deliveries/" + webhookId + "/replay")
                .then().statusCode(404);
    }

    @Test
    void aReceiverThatNeverAnswersTimesOutWithoutHoldingUpAnother() {
        String slow = "/hang-" + UUID.randomUUID();
        String fast = "/fast-" + UUID.randomUUID();
        String slowId = subscribe(slow, "response.detractor");
        String fastId = subscribe(fast, "response.detractor");
        receiver.hang(slow);

        feed.respond(workspace, today(), answer("NPS", 0, 10, "NPS", 1));

        JsonPath delivered = awaitDelivery(fastId, "DELIVERED");
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries(slowId).getList("items[0].log").size() >= 1);
        JsonPath timedOut = JsonPath.from(deliveries(slowId).prettify()).setRootPath("items[0]");
        assertThat(timedOut.getString("log[0].error")).isEqualTo("timeout after 1000 ms");
        assertThat(timedOut.getString("log[0].statusCode")).isNull();
        assertThat(timedOut.getLong("log[0].durationMs")).isGreaterThanOrEqualTo(900);
        assertThat(timedOut.getString("state")).isEqualTo("PENDING");
        // The healthy receiver got its delivery while the other attempt was still waiting for an answer.
        java.time.Instant slowAttemptEnded = java.time.Instant.parse(timedOut.getString("log[0].at"))
                .plusMillis(timedOut.getLong("log[0].durationMs"));
        assertThat(java.time.Instant.parse(delivered.getString("deliveredAt"))).isBefore(slowAttemptEnded);
        assertThat(receiver.received(slow)).isNotEmpty().allMatch(WebhookReceiver.Received::signatureValid);
    }

    @Test
    void responsesReceivedBeforeTheSubscriptionAreNotSent() {
        feed.respond(workspace, today(), answer("NPS", 0, 10, "NPS", 0));
        String seen = awaitIngested(1);
        String path = "/later-" + UUID.randomUUID();
        String id = subscribe(path, "response.detractor");

        // Read again from before that response, as a rebuild from the feed's start would.
        feed.rewindTo(null);
        await().atMost(Duration.ofSeconds(20)).until(() -> Objects.equals(feed.cursor(), seen));
        String after = feed.respond(workspace, today(), answer("NPS", 0, 10, "NPS", 0));

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received(path).size() == 1);
        assertThat(JsonPath.from(receiver.received(path).getFirst().body()).getString("data.responseId")).isEqualTo(after);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> deliveries(id).getList("items").size() == 1);
    }

    @Test
    void aPageDeliveredAgainAddsNoDeliveries() {
        String path = "/once-" + UUID.randomUUID();
        String id = subscribe(path, "response.detractor");
        String before = feed.cursor();
        feed.respond(workspace, today(), answer("NPS", 0, 10, "NPS", 0));
        feed.respond(workspace, today(), answer("NPS", 0, 10, "NPS", 5));
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries(id).getList("items").size() == 2
                && deliveries(id).getList("items.state").stream().allMatch("DELIVERED"::equals));
        String caughtUp = feed.cursor();

        feed.rewindTo(before);
        await().atMost(Duration.ofSeconds(10)).until(() -> Objects.equals(feed.cursor(), caughtUp));

        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                .until(() -> deliveries(id).getList("items").size() == 2 && receiver.received(path).size() == 2);
        assertThat(receiver.received(path)).extracting(WebhookReceiver.Received::webhookId).doesNotHaveDuplicates();
    }

    @Test
    void detractorAndHardEffortResponsesBecomeEventsAndOthersDoNot() {
        String path = "/events-" + UUID.randomUUID();
        String id = subscribe(path, "response.detractor\", \"response.hard_effort");

        String both = feed.respond(workspace, today(), answer("NPS", 0, 10, "NPS", 6), ces(2));
        feed.respond(workspace, today(), answer("NPS", 0, 10, "NPS", 7), ces(3));
        String effort = feed.respond(workspace, today(), answer("CES", 1, 5, "CES_EFFORT", 4));
        feed.respond(workspace, today(), answer("CES", 1, 5, "CES_EFFORT", 3), answer("CSAT", 1, 5, "CSAT", 1));

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received(path).size() >= 3
                && deliveries(id).getList("items.state").stream().allMatch("DELIVERED"::equals));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> receiver.received(path).size() == 3);
        List<Map<String, Object>> events = receiver.received(path).stream()
                .map(r -> JsonPath.from(r.body()).<String, Object>getMap("$")).toList();
        assertThat(events).extracting(e -> e.get("type") + " " + ((Map<?, ?>) e.get("data")).get("responseId"))
                .containsExactlyInAnyOrder("response.detractor " + both, "response.hard_effort " + both,
                        "response.hard_effort " + effort);
        deliveries(id, "state", "DELIVERED").body("items.eventType",
                containsInAnyOrder("response.detractor", "response.hard_effort", "response.hard_effort"));
    }

    @Test
    void alertsOpeningAndResolvingAreDelivered() {
        String path = "/alerts-" + UUID.randomUUID();
        String id = subscribe(path, "alert.opened\", \"alert.resolved");
        String rule = given().auth().oauth2(TestTokens.admin(workspace)).contentType("application/json").body("""
                        {"name": "Effort", "metric": "CES", "scope": "workspace", "condition": "THRESHOLD",
                         "operator": "BELOW", "threshold": 4, "minN": 2}""")
                .post("/api/v1/alerts/rules").then().statusCode(201).extract().path("id");

        feed.respond(workspace, today(), ces(1));
        feed.respond(workspace, today(), ces(2));
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received(path).size() == 1);
        JsonPath opened = JsonPath.from(receiver.received(path).getFirst().body());
        assertThat(opened.getString("type")).isEqualTo("alert.opened");
        assertThat(opened.getString("data.ruleId")).isEqualTo(rule);
        assertThat(opened.getString("data.state")).isEqualTo("OPEN");

        for (int i = 0; i < 4; i++) {
            feed.respond(workspace, today(), ces(7));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received(path).size() == 2);
        JsonPath resolved = JsonPath.from(receiver.received(path).get(1).body());
        assertThat(resolved.getString("type")).isEqualTo("alert.resolved");
        assertThat(resolved.getString("data.id")).isEqualTo(opened.getString("data.id"));
        assertThat(resolved.getString("data.resolvedBy")).isEqualTo("system");
        assertThat(receiver.received(path)).allMatch(WebhookReceiver.Received::signatureValid);
        deliveries(id, "state", "DELIVERED").body("items", hasSize(2)).body("items[0].deliveredAt", notNullValue());
    }

    @Test
    void aPausedWebhookKeepsItsDeliveriesAndSendsThemWhenResumed() {
        String path = "/paused-" + UUID.randomUUID();
        String id = subscribe(path, "response.detractor");

        given().auth().oauth2(TestTokens.admin(workspace)).post(PATH + "/" + id + "/pause")
                .then().statusCode(428).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.analyst(workspace)).header("If-Match", "\"1\"").post(PATH + "/" + id + "/pause")
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.admin("ws-other-" + UUID.randomUUID())).header("If-Match", "\"1\"")
                .post(PATH + "/" + id + "/pause").then().statusCode(404);
        given().auth().oauth2(TestTokens.admin(workspace)).header("If-Match", "\"1\"").post(PATH + "/" + id + "/pause")
                .then().statusCode(200).header("ETag", "\"2\"")
                .body("paused", equalTo(true)).body("pausedAt", notNullValue());

        feed.respond(workspace, today(), answer("NPS", 0, 10, "NPS", 2));
        feed.respond(workspace, today(), answer("NPS", 0, 10, "NPS", 3));
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries(id).getList("items.state").size() == 2
                && deliveries(id).getList("items.state").stream().allMatch("HELD"::equals));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> receiver.received(path).isEmpty());
        deliveries(id, "state", "HELD").body("items", hasSize(2)).body("items[0].attempts", equalTo(0));
        given().auth().oauth2(TestTokens.analyst(workspace)).get(PATH + "/" + id).then().statusCode(200)
                .body("paused", equalTo(true));

        given().auth().oauth2(TestTokens.admin(workspace)).header("If-Match", "\"2\"").post(PATH + "/" + id + "/resume")
                .then().statusCode(200).header("ETag", "\"3\"")
                .body("paused", equalTo(false)).body("pausedAt", org.hamcrest.Matchers.nullValue());
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received(path).size() == 2
                && deliveries(id).getList("items.state").stream().allMatch("DELIVERED"::equals));
        assertThat(receiver.received(path)).allMatch(WebhookReceiver.Received::signatureValid);
    }

    /** Waits until the workspace's CES/NPS answers so far are in the buckets; answers the feed cursor then. */
    private String awaitIngested(int npsAnswers) {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            List<Integer> n = given().auth().oauth2(TestTokens.analyst(workspace)).queryParam("scope", "workspace")
                    .queryParam("metric", "NPS").get("/api/v1/metrics/series").then().statusCode(200)
                    .extract().jsonPath().getList("series[0].points.n", Integer.class);
            return n != null && n.stream().mapToInt(Integer::intValue).sum() == npsAnswers;
        });
        return feed.cursor();
    }

    private String subscribe(String path, String eventTypes) {
        ValidatableResponse created = create(path, "\"" + eventTypes + "\"").statusCode(201);
        receiver.secret(path, created.extract().path("secret"));
        return created.extract().path("id");
    }

    private ValidatableResponse create(String path, String eventTypes) {
        return given().auth().oauth2(TestTokens.admin(workspace)).contentType("application/json")
                .body("{\"url\": \"" + receiver.url(path) + "\", \"eventTypes\": [" + eventTypes + "]}")
                .post(PATH).then();
    }

    private JsonPath awaitDelivery(String webhook, String state) {
        await().atMost(Duration.ofSeconds(15)).until(() -> state.equals(deliveries(webhook).getString("items[0].state")));
        JsonPath page = deliveries(webhook);
        assertThat(page.getList("items")).hasSize(1);
        return JsonPath.from(page.prettify()).setRootPath("items[0]");
    }

    private JsonPath deliveries(String webhook) {
        return deliveries(webhook, "limit", "100").extract().jsonPath();
    }

    private ValidatableResponse deliveries(String webhook, String parameter, String value) {
        return given().auth().oauth2(TestTokens.analyst(workspace)).queryParam(parameter, value)
                .get(PATH + "/" + webhook + "/deliveries").then().statusCode(200);
    }
}
