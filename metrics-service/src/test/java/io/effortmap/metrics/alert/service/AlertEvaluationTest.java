package io.effortmap.metrics.alert.service;

import static io.effortmap.metrics.testing.FeedStub.ces;
import static io.effortmap.metrics.testing.FeedStub.today;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.effortmap.metrics.alert.repository.AlertRule;
import io.effortmap.metrics.alert.repository.AlertRuleRepository;
import io.effortmap.metrics.config.MetricsConfig;
import io.effortmap.metrics.ingest.repository.LeaseRepository;
import io.effortmap.metrics.support.Ids;
import io.effortmap.metrics.testing.FeedStub;
import io.effortmap.metrics.testing.UpstreamStubResource;
import io.effortmap.testsupport.MongoResource;
import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.ValidatableResponse;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rules evaluated as responses arrive through the feed; every test uses a workspace of its own. */
@QuarkusTest
@WithTestResource(MongoResource.class)
@WithTestResource(TestOidcResource.class)
@WithTestResource(UpstreamStubResource.class)
class AlertEvaluationTest {

    private static final String ALERTS = "/api/v1/alerts";

    @ConfigProperty(name = "quarkus.rest-client.survey-feed.url")
    String stub;

    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    @Inject
    ReactiveMongoClient mongo;

    @Inject
    AlertEvaluator evaluator;

    @Inject
    AlertScheduler scheduler;

    @Inject
    AlertEvents events;

    @Inject
    AlertRuleRepository rules;

    @Inject
    LeaseRepository leases;

    @Inject
    MetricsConfig config;

    @Inject
    Vertx vertx;

    private FeedStub feed;
    private String workspace;

    @BeforeAll
    static void readDecimalsAsDoubles() {
        RestAssured.config = RestAssured.config().jsonConfig(
                JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    @BeforeEach
    void ownWorkspace() {
        feed = new FeedStub(stub, mongo, database);
        workspace = "ws-alerts-" + UUID.randomUUID();
    }

    @Test
    void aBreachOpensExactlyOneAlertEvenWhenItsPageIsDeliveredAgainAndResolvesWhenTheDataClearsIt() {
        String rule = createRule("""
                {"name": "Effort", "metric": "CES", "scope": "workspace", "condition": "THRESHOLD",
                 "operator": "BELOW", "threshold": 4, "minN": 3, "windowDays": 7}""");
        String before = feed.cursor();
        for (int score : new int[] {1, 2, 1}) {
            feed.respond(workspace, today(), ces(score));
        }

        String alert = awaitAlerts(rule, 1).getFirst();
        alert(alert).statusCode(200)
                .body("state", equalTo("OPEN"))
                .body("ruleId", equalTo(rule))
                .body("ruleName", equalTo("Effort"))
                .body("metric", equalTo("CES"))
                .body("scoring", equalTo("CES_AGREEMENT"))
                .body("observed.value", closeTo(4.0 / 3, 1e-9))
                .body("observed.n", equalTo(3))
                .body("observed.scaleMin", equalTo(1))
                .body("observed.scaleMax", equalTo(7))
                .body("observed.from", equalTo(today().minusDays(6).toString()))
                .body("observed.to", equalTo(today().toString()))
                .body("observed.ci95Low", notNullValue())
                .body("openedAt", notNullValue())
                .body("resolvedAt", nullValue());

        // The same pages again, as after a crash between their writes and the cursor.
        String caughtUp = feed.cursor();
        feed.rewindTo(before);
        await().atMost(Duration.ofSeconds(10)).until(() -> Objects.equals(feed.cursor(), caughtUp));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                .until(() -> alertIds(rule).equals(List.of(alert)));
        // Evaluators racing (several replicas, the sweep and the debounce at once) still leave one alert.
        evaluateConcurrently(6);
        assertThat(alertIds(rule)).containsExactly(alert);

        given().auth().oauth2(TestTokens.analyst(workspace)).post(ALERTS + "/" + alert + "/acknowledge")
                .then().statusCode(200)
                .body("state", equalTo("ACKNOWLEDGED"))
                .body("acknowledgedBy", equalTo("effortmap-web"))
                .body("acknowledgedAt", notNullValue());
        given().auth().oauth2(TestTokens.admin(workspace)).post(ALERTS + "/" + alert + "/acknowledge")
                .then().statusCode(409).contentType("application/problem+json");

        for (int i = 0; i < 9; i++) {
            feed.respond(workspace, today(), ces(7));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> "RESOLVED".equals(alert(alert).extract().path("state")));
        JsonPath resolved = alert(alert).statusCode(200)
                .body("resolvedBy", equalTo("system"))
                .body("resolvedAt", notNullValue())
                .body("observed.n", equalTo(3))
                .body("acknowledgedBy", equalTo("effortmap-web"))
                .extract().jsonPath();
        // Resolved by the first evaluation that saw the mean back at 4 or more: 1, 2, 1 and then sevens.
        int n = resolved.getInt("latest.n");
        assertThat(n).isBetween(4, 12);
        assertThat(resolved.getDouble("latest.value")).isCloseTo((4.0 + 7 * (n - 3)) / n, within(1e-9))
                .isGreaterThanOrEqualTo(4.0);
        list("state", "OPEN").body("items", hasSize(0));
        list("state", "RESOLVED").body("items", hasSize(1)).body("items[0].id", equalTo(alert));
    }

    @Test
    void evaluatorsRacingOnAFreshBreachOpenOneAlert() {
        for (int score : new int[] {2, 1, 1, 2}) {
            feed.respond(workspace, today(), ces(score));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> workspaceCesCount() == 4);
        String rule = createRule("""
                {"name": "Effort", "metric": "CES", "scope": "workspace", "condition": "THRESHOLD",
                 "operator": "BELOW", "threshold": 3.5, "minN": 4}""");

        evaluateConcurrently(8);

        assertThat(alertIds(rule)).hasSize(1);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> alertIds(rule).size() == 1);
    }

    @Test
    void aSignificantDropAgainstThePreviousWindowOpensAnAlertWithItsTest() {
        for (int score : new int[] {7, 7, 6, 7, 6}) {
            feed.respond(workspace, today().minusDays(4), ces(score));
        }
        for (int score : new int[] {2, 3, 2, 1, 2}) {
            feed.respond(workspace, today(), ces(score));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> workspaceCesCount() == 10);
        String rule = createRule("""
                {"name": "Drop", "metric": "CES", "scope": "workspace", "condition": "SIGNIFICANT_DROP",
                 "minN": 5, "windowDays": 3}""");

        String alert = awaitAlerts(rule, 1).getFirst();
        alert(alert).statusCode(200)
                .body("condition", equalTo("SIGNIFICANT_DROP"))
                .body("observed.value", closeTo(2.0, 1e-9))
                .body("observed.n", equalTo(5))
                .body("observed.previousValue", closeTo(6.6, 1e-9))
                .body("observed.previousN", equalTo(5))
                .body("observed.pValue", lessThan(0.05))
                .body("observed.from", equalTo(today().minusDays(2).toString()));
    }

    @Test
    void resolvingByHandKeepsTheRuleQuietWhileTheConditionStillHolds() {
        String rule = createRule("""
                {"name": "NPS", "metric": "NPS", "scope": "workspace", "condition": "THRESHOLD",
                 "operator": "BELOW", "threshold": 0, "minN": 2}""");
        for (int score : new int[] {2, 3}) {
            feed.respond(workspace, today(), FeedStub.answer("NPS", 0, 10, "NPS", score));
        }
        String alert = awaitAlerts(rule, 1).getFirst();
        alert(alert).body("observed.value", closeTo(-100.0, 1e-9));

        given().auth().oauth2(TestTokens.analyst(workspace)).post(ALERTS + "/" + alert + "/resolve")
                .then().statusCode(200)
                .body("state", equalTo("RESOLVED"))
                .body("resolvedBy", equalTo("effortmap-web"));
        given().auth().oauth2(TestTokens.analyst(workspace)).post(ALERTS + "/" + alert + "/resolve")
                .then().statusCode(409).contentType("application/problem+json");

        evaluateConcurrently(2);
        assertThat(alertIds(rule)).containsExactly(alert);
    }

    @Test
    void anEvaluationHoldingTheRuleFromBeforeAHandResolveOpensNoSecondAlertAndAClearedConditionLetsANewOneOpen() {
        String rule = createRule("""
                {"name": "Effort", "metric": "CES", "scope": "workspace", "condition": "THRESHOLD",
                 "operator": "BELOW", "threshold": 4, "minN": 2, "windowDays": 1}""");
        for (int score : new int[] {1, 2}) {
            feed.respond(workspace, today(), ces(score));
        }
        String alert = awaitAlerts(rule, 1).getFirst();
        AlertRule loadedBefore = rules.find(workspace, rule).await().atMost(Duration.ofSeconds(10));

        given().auth().oauth2(TestTokens.analyst(workspace)).post(ALERTS + "/" + alert + "/resolve")
                .then().statusCode(200).body("state", equalTo("RESOLVED"));
        // The evaluation works from the rule as it was read before the resolve; the condition still holds.
        evaluator.evaluate(loadedBefore).await().atMost(Duration.ofSeconds(10));
        assertThat(alertIds(rule)).containsExactly(alert);
        alert(alert).body("state", equalTo("RESOLVED"));

        // The condition clears (mean 4.8 of 5 answers): the slot is released ...
        for (int score : new int[] {7, 7, 7}) {
            feed.respond(workspace, today(), ces(score));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            evaluator.evaluate(workspace).await().atMost(Duration.ofSeconds(10));
            return alert.equals(mongo.getDatabase(database).getCollection("alerts").find(new org.bson.Document("_id", alert))
                    .collect().first().await().atMost(Duration.ofSeconds(10)).getString("active"));
        });
        assertThat(alertIds(rule)).containsExactly(alert);
        // ... so a new breach (mean 31/12) opens a new alert.
        for (int score : new int[] {1, 1, 1, 1, 1, 1, 1}) {
            feed.respond(workspace, today(), ces(score));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> alertIds(rule).size() == 2);
        assertThat(alertIds(rule)).contains(alert);
    }

    @Test
    void disablingARuleEndsItsQuietSoReenablingItWhileTheConditionHoldsOpensANewAlert() {
        String body = """
                {"name": "Effort", "metric": "CES", "scope": "workspace", "condition": "THRESHOLD",
                 "operator": "BELOW", "threshold": 4, "minN": 2, "windowDays": 1, "enabled": %s}""";
        String rule = createRule(body.formatted("true"));
        for (int score : new int[] {1, 2}) {
            feed.respond(workspace, today(), ces(score));
        }
        String alert = awaitAlerts(rule, 1).getFirst();
        given().auth().oauth2(TestTokens.analyst(workspace)).post(ALERTS + "/" + alert + "/resolve")
                .then().statusCode(200);

        given().auth().oauth2(TestTokens.admin(workspace)).contentType("application/json").header("If-Match", "\"1\"")
                .body(body.formatted("false")).put(ALERTS + "/rules/" + rule).then().statusCode(200);
        given().auth().oauth2(TestTokens.admin(workspace)).contentType("application/json").header("If-Match", "\"2\"")
                .body(body.formatted("true")).put(ALERTS + "/rules/" + rule).then().statusCode(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            evaluator.evaluate(workspace).await().atMost(Duration.ofSeconds(10));
            return alertIds(rule).size() == 2;
        });
        assertThat(alertIds(rule)).contains(alert);
    }

    @Test
    void theSweepEvaluatesRulesNobodyMarkedAndOnlyItsLeaseHolderSweeps() {
        // A rule made through the API shows when the evaluations the new responses set off are over.
        String sentinel = createRule("""
                {"name": "Sentinel", "metric": "CES", "scope": "workspace", "condition": "THRESHOLD",
                 "operator": "ABOVE", "threshold": 1, "minN": 3}""");
        for (int score : new int[] {1, 1, 2}) {
            feed.respond(workspace, today(), ces(score));
        }
        String sentinelAlert = awaitAlerts(sentinel, 1).getFirst();
        await().atMost(Duration.ofSeconds(10)).until(() -> alert(sentinelAlert).extract().path("latest.n").equals(3));
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            String before = alert(sentinelAlert).extract().path("lastEvaluatedAt");
            Thread.sleep(400); // longer than the debounce: no evaluation was still due
            return before.equals(alert(sentinelAlert).extract().path("lastEvaluatedAt"));
        });
        scheduler.sweepOnce().await().atMost(Duration.ofSeconds(10));
        // Written behind the service's back, as if the replica that marked the workspace had died.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String rule = Ids.newId(Ids.RULE, now);
        rules.insert(new AlertRule(rule, workspace, "Unmarked", "CES", "CES_AGREEMENT", "workspace", workspace, null,
                AlertRule.THRESHOLD, "BELOW", 4.0, 3, 7, true, 1, now, now, "alice"))
                .await().atMost(Duration.ofSeconds(10));

        AlertScheduler otherReplica = new AlertScheduler(evaluator, events, rules, leases, config, vertx);
        otherReplica.sweepOnce().await().atMost(Duration.ofSeconds(10));
        assertThat(alertIds(rule)).as("the other replica does not hold the sweep lease").isEmpty();

        scheduler.sweepOnce().await().atMost(Duration.ofSeconds(10));
        assertThat(alertIds(rule)).hasSize(1);
    }

    @Test
    void alertsAreScopedToTheWorkspaceAndTheirRoles() {
        String rule = createRule("""
                {"name": "CSAT", "metric": "CSAT", "scope": "workspace", "condition": "THRESHOLD",
                 "operator": "BELOW", "threshold": 0.5, "minN": 2}""");
        for (int score : new int[] {1, 2}) {
            feed.respond(workspace, today(), FeedStub.answer("CSAT", 1, 5, "CSAT", score));
        }
        String alert = awaitAlerts(rule, 1).getFirst();

        for (String path : List.of("", "/acknowledge", "/resolve")) {
            var request = given().auth().oauth2(TestTokens.admin("ws-b"));
            (path.isEmpty() ? request.get(ALERTS + "/" + alert) : request.post(ALERTS + "/" + alert + path))
                    .then().statusCode(404).contentType("application/problem+json");
            var partner = given().auth().oauth2(TestTokens.partner(workspace));
            (path.isEmpty() ? partner.get(ALERTS + "/" + alert) : partner.post(ALERTS + "/" + alert + path))
                    .then().statusCode(403);
        }
        given().auth().oauth2(TestTokens.admin("ws-b")).queryParam("ruleId", rule).get(ALERTS)
                .then().statusCode(200).body("items", hasSize(0));
        given().auth().oauth2(TestTokens.analyst(workspace)).queryParam("state", "SNOOZED").get(ALERTS)
                .then().statusCode(400).body("errors[0].field", equalTo("state"));
        given().auth().oauth2(TestTokens.analyst(workspace)).queryParam("limit", 0).get(ALERTS)
                .then().statusCode(400).body("errors[0].field", equalTo("limit"));
        given().get(ALERTS).then().statusCode(401);
        alert(alert).statusCode(200).body("state", equalTo("OPEN"));
    }

    private void evaluateConcurrently(int evaluators) {
        List<Uni<Void>> all = new ArrayList<>();
        for (int i = 0; i < evaluators; i++) {
            all.add(evaluator.evaluate(workspace));
        }
        Uni.join().all(all).andFailFast().await().atMost(Duration.ofSeconds(10));
    }

    private String createRule(String body) {
        return given().auth().oauth2(TestTokens.admin(workspace)).contentType("application/json").body(body)
                .post("/api/v1/alerts/rules").then().statusCode(201).extract().path("id");
    }

    private List<String> awaitAlerts(String rule, int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> alertIds(rule).size() == count);
        return alertIds(rule);
    }

    private List<String> alertIds(String rule) {
        return given().auth().oauth2(TestTokens.analyst(workspace)).queryParam("ruleId", rule).get(ALERTS)
                .then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
    }

    private ValidatableResponse alert(String id) {
        return given().auth().oauth2(TestTokens.analyst(workspace)).get(ALERTS + "/" + id).then();
    }

    private ValidatableResponse list(String parameter, String value) {
        return given().auth().oauth2(TestTokens.analyst(workspace)).queryParam(parameter, value).get(ALERTS).then()
                .statusCode(200);
    }

    private long workspaceCesCount() {
        List<Double> n = given().auth().oauth2(TestTokens.analyst(workspace)).queryParam("scope", "workspace")
                .queryParam("metric", "CES").queryParam("from", today().minusDays(10).toString())
                .get("/api/v1/metrics/series").then().statusCode(200).extract().jsonPath().getList("series[0].points.n", Double.class);
        return n == null ? 0 : Math.round(n.stream().mapToDouble(Double::doubleValue).sum());
    }
}
