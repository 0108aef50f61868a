package io.effortmap.metrics.journey.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.nullValue;

import io.effortmap.metrics.testing.UpstreamStubResource;
import io.effortmap.testsupport.MongoResource;
import io.effortmap.testsupport.TestOidcResource;
import io.effortmap.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Journey jr_TestJourney02 of the stub, fed once: in October tp_a1__________ has 40 hard CES answers (20 × 2 then 20 × 3, all NPS
 * detractors) against a target of 5, tp_a2__________ five CES answers 1..5 with CSAT 2,4,5,4,5, tp_b1__________ 35 easy ones (6/7) with
 * CSAT 5 and NPS 10; in November tp_b1__________ drops from 6/7 in the week of 2 Nov to 3/4 in the week of 9 Nov (32 each).
 */
@QuarkusTest
@WithTestResource(MongoResource.class)
@WithTestResource(TestOidcResource.class)
@WithTestResource(UpstreamStubResource.class)
class JourneyMetricsResourceTest {

    private static final String OCTOBER_FROM = "2026-10-01";
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final String OCTOBER_TO = "2026-10-31";
    private static boolean fed;

    @ConfigProperty(name = "quarkus.rest-client.survey-feed.url")
    String stub;

    @BeforeAll
    static void readDecimalsAsDoubles() {
        RestAssured.config = RestAssured.config().jsonConfig(
                JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    @BeforeEach
    void feedOnce() {
        if (fed) {
            return;
        }
        for (int i = 0; i < 40; i++) {
            feed("tp_a1__________", i < 20 ? "2026-10-06T10:00:00Z" : "2026-10-14T10:00:00Z", "phone",
                    i < 20 ? "{\"region\":\"EU\"}" : "{\"region\":\"US\"}",
                    answer("ces", "CES", 1, 7, "CES_AGREEMENT", i < 20 ? 2 : 3), answer("nps", "NPS", 0, 10, "NPS", 3));
        }
        int[] csat = {2, 4, 5, 4, 5};
        for (int i = 0; i < 5; i++) {
            feed("tp_a2__________", "2026-10-07T10:00:00Z", "chat", "{}",
                    answer("ces", "CES", 1, 7, "CES_AGREEMENT", i + 1), answer("csat", "CSAT", 1, 5, "CSAT", csat[i]));
        }
        for (int i = 0; i < 35; i++) {
            feed("tp_b1__________", "2026-10-08T10:00:00Z", "email", "{}", answer("ces", "CES", 1, 7, "CES_AGREEMENT", 6 + i % 2),
                    answer("csat", "CSAT", 1, 5, "CSAT", 5), answer("nps", "NPS", 0, 10, "NPS", 10));
        }
        for (int i = 0; i < 64; i++) {
            boolean before = i < 32;
            feed("tp_b1__________", before ? "2026-11-03T10:00:00Z" : "2026-11-10T10:00:00Z", "email", "{}",
                    answer("ces", "CES", 1, 7, "CES_AGREEMENT", (before ? 6 : 3) + i % 2));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Object n = changes("ws-a").extract().path("changes.find { it.touchpointId == 'tp_b1__________' }.current.n");
            return n instanceof Number count && count.intValue() == 32;
        });
        fed = true;
    }

    @Test
    void scorecardShowsEveryStageAndTouchpointWithFiguresAndTargets() {
        scorecard(TestTokens.analyst("ws-a"))
                .statusCode(200)
                .body("name", equalTo("Support"))
                .body("version", equalTo(3))
                .body("stages.stageId", contains("st_a___________", "st_b___________"))
                .body("stages[0].touchpoints.touchpointId", contains("tp_a1__________", "tp_a2__________"))
                .body("stages[0].touchpoints[0].metrics.CES[0].n", equalTo(40))
                .body("stages[0].touchpoints[0].metrics.CES[0].mean", closeTo(2.5, 1e-9))
                // bounded-scale interval of 20 × 2 and 20 × 3 on 1–7 (statistics_reference.py): 2.34043..2.73274
                .body("stages[0].touchpoints[0].metrics.CES[0].meanCi95.low", closeTo(2.34043, 1e-4))
                .body("stages[0].touchpoints[0].metrics.CES[0].meanCi95.high", closeTo(2.73274, 1e-4))
                .body("stages[0].touchpoints[0].metrics.CES[0].histogram.'2'", equalTo(20))
                .body("stages[0].touchpoints[0].metrics.CES[0].target", closeTo(5.0, 1e-9))
                .body("stages[0].touchpoints[0].metrics.CES[0].meetsTarget", equalTo(false))
                .body("stages[0].touchpoints[0].metrics.NPS[0].headline.value", closeTo(-100.0, 1e-9))
                .body("stages[0].touchpoints[1].metrics.CES[0].lowSample", equalTo(true))
                .body("stages[0].touchpoints[1].metrics.CES[0].meetsTarget", nullValue())
                // A stage is the exact union of its touchpoints: (40 × 2.5 + 15) / 45
                .body("stages[0].metrics.CES[0].n", equalTo(45))
                .body("stages[0].metrics.CES[0].mean", closeTo(115.0 / 45, 1e-9))
                .body("stages[1].touchpoints[0].metrics.CSAT[0].headline.name", equalTo("satisfiedShare"))
                .body("stages[1].touchpoints[0].metrics.CSAT[0].headline.value", closeTo(1.0, 1e-9))
                .body("stages[1].touchpoints[0].metrics.CSAT[0].headline.ci95.high", closeTo(1.0, 1e-9))
                .body("stages[1].touchpoints[0].metrics.CSAT[0].target", closeTo(0.8, 1e-9))
                .body("stages[1].touchpoints[0].metrics.CSAT[0].meetsTarget", equalTo(true))
                .body("stages[1].touchpoints[0].metrics.NPS[0].meetsTarget", equalTo(true))
                .body("overall.CES[0].n", equalTo(80));
    }

    @Test
    void hotspotsRankOnlyStatisticallySupportedFriction() {
        given().auth().oauth2(TestTokens.admin("ws-a")).queryParam("from", OCTOBER_FROM).queryParam("to", OCTOBER_TO)
                .get("/api/v1/metrics/journeys/jr_TestJourney02/hotspots").then()
                .statusCode(200)
                .body("rule", containsString("n >= 30"))
                .body("ranked", hasSize(1))
                .body("ranked[0].touchpointId", equalTo("tp_a1__________"))
                .body("ranked[0].rank", equalTo(1))
                .body("ranked[0].comparatorBasis", equalTo("target"))
                .body("ranked[0].detractorShare", closeTo(1.0, 1e-9))
                .body("ranked[0].detractorBasis", equalTo("NPS"))
                .body("ranked[0].volumeShare", closeTo(0.5, 1e-9))
                // difficulty (7 − 2.5) / 6 = 0.75; × 0.5 × 1
                .body("ranked[0].frictionScore", closeTo(0.375, 1e-9))
                .body("unranked.find { it.touchpointId == 'tp_a2__________' }.reason", equalTo("n below 30"))
                // The rest of the journey, tp_b1's own 35 answers (Σ 227) excluded: (342 − 227) / (80 − 35)
                .body("unranked.find { it.touchpointId == 'tp_b1__________' }.comparatorBasis",
                        equalTo("restOfJourneyMean"))
                .body("unranked.find { it.touchpointId == 'tp_b1__________' }.comparator", closeTo(115.0 / 45, 1e-9))
                // 35 NPS answers of 10: no detractors, so no friction whatever its interval says
                .body("unranked.find { it.touchpointId == 'tp_b1__________' }.frictionScore", closeTo(0.0, 1e-12))
                .body("unranked.find { it.touchpointId == 'tp_b1__________' }.reason",
                        equalTo("no friction: no hard answers"));
    }

    @Test
    void aMixedScaleTouchpointsVolumeCountsEveryCesAnswerAndFrictionZeroIsNeverRanked() {
        String journey = "jr_MixedScales01";
        given().body("""
                {"id":"jr_MixedScales01","name":"Mixed","version":1,"stages":[{"id":"st_m___________","name":"S","touchpoints":[
                  {"id":"tp_m1__________","name":"Hard","channel":"web","targets":{}},
                  {"id":"tp_m2__________","name":"Easy","channel":"web","targets":{}},
                  {"id":"tp_m3__________","name":"Middling","channel":"web","targets":{}}]}]}""")
                .post(stub + "/stub/journeys?workspace=ws-a&id=" + journey).then().statusCode(204);
        // tp_m1: 40 agreement answers of 2, 20 effort answers of 4 and a single NPS 0; tp_m2: 40 easy agreement answers;
        // tp_m3: 10 × 2 and 30 × 6, a little friction but not clearly harder than the rest of the journey.
        for (int i = 0; i < 40; i++) {
            feedTo(journey, "tp_m1__________", i == 0
                    ? new String[] {answer("ces", "CES", 1, 7, "CES_AGREEMENT", 2), answer("nps", "NPS", 0, 10, "NPS", 0)}
                    : new String[] {answer("ces", "CES", 1, 7, "CES_AGREEMENT", 2)});
            feedTo(journey, "tp_m2__________", answer("ces", "CES", 1, 7, "CES_AGREEMENT", 6 + i % 2));
            feedTo(journey, "tp_m3__________", answer("ces", "CES", 1, 7, "CES_AGREEMENT", i < 10 ? 2 : 6));
        }
        for (int i = 0; i < 20; i++) {
            feedTo(journey, "tp_m1__________", answer("effort", "CES", 1, 5, "CES_EFFORT", 4));
        }
        Supplier<ValidatableResponse> hotspots = () -> given().auth().oauth2(TestTokens.admin("ws-a"))
                .queryParam("from", OCTOBER_FROM).queryParam("to", OCTOBER_TO)
                .get("/api/v1/metrics/journeys/" + journey + "/hotspots").then().statusCode(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Object m1 = hotspots.get().extract().path("ranked.find { it.touchpointId == 'tp_m1__________' }.volumeShare");
            return m1 instanceof Number share && Math.abs(share.doubleValue() - 3.0 / 7) < 1e-9;
        });
        hotspots.get()
                .body("ranked", hasSize(1))
                .body("ranked[0].touchpointId", equalTo("tp_m1__________"))
                // Ranked on its larger scale (agreement, n 40), but its volume counts all 60 CES answers of 140.
                .body("ranked[0].scoring", equalTo("CES_AGREEMENT"))
                .body("ranked[0].n", equalTo(40))
                .body("ranked[0].volumeShare", closeTo(3.0 / 7, 1e-9))
                .body("ranked[0].difficulty", closeTo(5.0 / 6, 1e-9))
                // One NPS answer does not decide: the hard CES answers stand in.
                .body("ranked[0].detractorBasis", equalTo("CES"))
                .body("ranked[0].detractorShare", closeTo(1.0, 1e-9))
                .body("ranked[0].frictionScore", closeTo(5.0 / 6 * 3 / 7, 1e-9))
                // The rest on its scale: tp_m2 (Σ 260) and tp_m3 (Σ 200) over 80 answers
                .body("ranked[0].comparatorBasis", equalTo("restOfJourneyMean"))
                .body("ranked[0].comparator", closeTo(460.0 / 80, 1e-9))
                .body("unranked.touchpointId", contains("tp_m3__________", "tp_m2__________"))
                .body("unranked[0].frictionScore", closeTo(1.0 / 3 * 2 / 7 * 0.25, 1e-9))
                // tp_m3's mean 5 against the rest's (80 + 260) / 80 = 4.25: not clearly harder
                .body("unranked[0].comparator", closeTo(340.0 / 80, 1e-9))
                .body("unranked[0].reason", equalTo("interval does not exclude the comparator"))
                .body("unranked[1].frictionScore", closeTo(0.0, 1e-12))
                .body("unranked[1].reason", equalTo("no friction: no hard answers"));
    }

    @Test
    void aCesTargetIsComparedOnlyWithTheFigureOfItsOwnScoringMethod() {
        String journey = "jr_TargetScales1";
        given().body("""
                {"id":"jr_TargetScales1","name":"Targets","version":1,"stages":[{"id":"st_t___________","name":"S","touchpoints":[
                  {"id":"tp_t1__________","name":"Both","channel":"web","targets":{"CES":5.0,"CES_EFFORT":2.0}},
                  {"id":"tp_t2__________","name":"Agreement only","channel":"web","targets":{"CES_AGREEMENT":5.0}}]}]}""")
                .post(stub + "/stub/journeys?workspace=ws-a&id=" + journey).then().statusCode(204);
        for (int i = 0; i < 30; i++) {
            feedTo(journey, "tp_t1__________", answer("ces", "CES", 1, 7, "CES_AGREEMENT", 6));
            feedTo(journey, "tp_t1__________", answer("effort", "CES", 1, 5, "CES_EFFORT", 3));
            feedTo(journey, "tp_t2__________", answer("effort", "CES", 1, 5, "CES_EFFORT", 1));
        }
        Supplier<ValidatableResponse> card = () -> given().auth().oauth2(TestTokens.analyst("ws-a"))
                .queryParam("from", OCTOBER_FROM).queryParam("to", OCTOBER_TO)
                .get("/api/v1/metrics/journeys/" + journey + "/scorecard").then().statusCode(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> card.get().extract()
                .path("stages[0].metrics.CES.find { it.scoring == 'CES_EFFORT' }.n") instanceof Number n && n.intValue() == 60
                && card.get().extract().path("stages[0].touchpoints[0].metrics.CES.find { it.scoring == 'CES_AGREEMENT' }.n")
                instanceof Number m && m.intValue() == 30);
        String t1 = "stages[0].touchpoints[0].metrics.CES.find { it.scoring == '%s' }.";
        String t2 = "stages[0].touchpoints[1].metrics.CES.find { it.scoring == '%s' }.";
        card.get()
                // mean 6 against at least 5 (the older name CES is the agreement target)
                .body(t1.formatted("CES_AGREEMENT") + "target", closeTo(5.0, 1e-9))
                .body(t1.formatted("CES_AGREEMENT") + "meetsTarget", equalTo(true))
                // mean 3 against at most 2 on the effort scale
                .body(t1.formatted("CES_EFFORT") + "target", closeTo(2.0, 1e-9))
                .body(t1.formatted("CES_EFFORT") + "meetsTarget", equalTo(false))
                // An agreement target says nothing about effort answers: no target, rather than "met" by every answer.
                .body(t2.formatted("CES_EFFORT") + "target", nullValue())
                .body(t2.formatted("CES_EFFORT") + "meetsTarget", nullValue());
    }

    @Test
    void weekOverWeekDropIsFlaggedByTheMeanAndTheHeadlineTestsAfterCorrection() {
        changes("ws-a")
                .statusCode(200)
                .body("rule", containsString("Benjamini-Hochberg"))
                .body("previousFrom", equalTo("2026-11-02"))
                .body("currentFrom", equalTo("2026-11-09"))
                .body("changes.find { it.touchpointId == 'tp_b1__________' }.previous.mean", closeTo(6.5, 1e-9))
                .body("changes.find { it.touchpointId == 'tp_b1__________' }.current.mean", closeTo(3.5, 1e-9))
                .body("changes.find { it.touchpointId == 'tp_b1__________' }.meanChange", closeTo(-3.0, 1e-9))
                // two samples of 32 with s² = 0.258065 each: t = −3 / 0.127000 = −23.622, df = 62
                .body("changes.find { it.touchpointId == 'tp_b1__________' }.welch.t", closeTo(-23.62202, 1e-4))
                .body("changes.find { it.touchpointId == 'tp_b1__________' }.welch.degreesOfFreedom", closeTo(62.0, 1e-6))
                .body("changes.find { it.touchpointId == 'tp_b1__________' }.welch.pValue", lessThan(1e-30))
                .body("changes.find { it.touchpointId == 'tp_b1__________' }.meanTest.figure", equalTo("mean"))
                .body("changes.find { it.touchpointId == 'tp_b1__________' }.meanTest.worse", equalTo(true))
                .body("changes.find { it.touchpointId == 'tp_b1__________' }.meanTest.adjustedPValue", lessThan(1e-30))
                // every answer was easy (5–7) before and none after: easy share 1 → 0
                .body("changes.find { it.touchpointId == 'tp_b1__________' }.headlineTest.figure", equalTo("easyShare"))
                .body("changes.find { it.touchpointId == 'tp_b1__________' }.headlineTest.difference",
                        closeTo(-1.0, 1e-12))
                .body("changes.find { it.touchpointId == 'tp_b1__________' }.headlineTest.practical", equalTo(true))
                .body("changes.find { it.touchpointId == 'tp_b1__________' }.minimumEffect", closeTo(0.05, 1e-12))
                .body("changes.find { it.touchpointId == 'tp_b1__________' }.significantDrop", equalTo(true))
                .body("changes.findAll { it.touchpointId == 'tp_a1__________' }", empty());
    }

    @Test
    void aPeriodWithFewAnswersIsNeverFlagged() {
        // The week of 5 Oct against the week before it: tp_a1__________ had 20 answers, the week before none.
        given().auth().oauth2(TestTokens.analyst("ws-a")).queryParam("at", "2026-10-06")
                .get("/api/v1/metrics/journeys/jr_TestJourney02/changes").then()
                .statusCode(200)
                .body("changes.find { it.touchpointId == 'tp_a1__________' && it.metric == 'CES' }.current.n", equalTo(20))
                .body("changes.find { it.touchpointId == 'tp_a1__________' && it.metric == 'CES' }.welch", nullValue())
                .body("changes.find { it.touchpointId == 'tp_a1__________' && it.metric == 'CES' }.significantDrop", equalTo(false));
    }

    @Test
    void weeklySeriesOfATouchpointHasEveryWeekOfTheRange() {
        series(Map.of("scope", "touchpoint", "id", "tp_a1__________", "journeyId", "jr_TestJourney02", "granularity", "week"))
                .statusCode(200)
                .body("timeZone", equalTo("Europe/Berlin"))
                .body("series", hasSize(1))
                .body("series[0].points.period", contains("2026-09-28", "2026-10-05", "2026-10-12", "2026-10-19",
                        "2026-10-26"))
                .body("series[0].points.n", contains(0, 20, 20, 0, 0))
                .body("series[0].points[1].mean", closeTo(2.0, 1e-9))
                .body("series[0].points[2].mean", closeTo(3.0, 1e-9))
                .body("series[0].points[2].lowSample", equalTo(true))
                .body("series[0].points[0].mean", nullValue());
    }

    @Test
    void seriesCanBeSlicedBySegmentAndChannel() {
        series(Map.of("scope", "stage", "id", "st_a___________", "journeyId", "jr_TestJourney02", "granularity", "month", "segment", "region:EU",
                "channel", "phone"))
                .statusCode(200)
                .body("slice", equalTo("channel=phone,region=EU"))
                .body("series[0].points.n", contains(20));
        series(Map.of("scope", "journey", "id", "jr_TestJourney02", "granularity", "month", "channel", "web"))
                .statusCode(200)
                .body("series", empty());
    }

    @Test
    void daysAreCountedInTheWorkspacesTimeZone() {
        // 23:30 UTC on 20 Oct is 01:30 on 21 Oct in Berlin.
        given().body(event("tp_zone________", "5a000000-0000-4000-8000-00000000000a", "jr_NoSuchJourney", "2026-10-20T23:30:00Z", "web", "{}",
                answer("ces", "CES", 1, 7, "CES_AGREEMENT", 4))).post(stub + "/stub/responses").then().statusCode(204);
        await().atMost(Duration.ofSeconds(20)).until(() -> seriesOfZoneSurvey().extract().jsonPath()
                .getList("series").size() == 1);
        seriesOfZoneSurvey().body("series[0].points.period", contains("2026-10-20", "2026-10-21"))
                .body("series[0].points.n", contains(0, 1));
    }

    @Test
    void daysAndWeeksFollowTheWorkspacesClockAcrossBothDaylightSavingChanges() {
        String survey = "5a000000-0000-4000-8000-0000000000d5";
        // Berlin: clocks go 02:00 -> 03:00 on 29 Mar 2026 and 03:00 -> 02:00 on 25 Oct 2026. A fixed offset would put
        // 29 Mar 22:30Z (00:30 CEST on the 30th) on the 29th and 25 Oct 22:30Z (23:30 CET on the 25th) on the 26th.
        for (String at : new String[] {"2026-03-28T23:30:00Z", "2026-03-29T21:30:00Z", "2026-03-29T22:30:00Z",
            "2026-10-24T22:30:00Z", "2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z", "2026-10-25T22:30:00Z",
            "2026-10-25T23:30:00Z"}) {
            given().body(event("tp_dst_________", survey, "jr_NoSuchJourney", at, "web", "{}",
                    answer("ces", "CES", 1, 7, "CES_AGREEMENT", 4))).post(stub + "/stub/responses").then().statusCode(204);
        }
        Function<Map<String, String>, ValidatableResponse> series = params -> given().auth()
                .oauth2(TestTokens.analyst("ws-a")).queryParam("scope", "survey").queryParam("id", survey)
                .queryParams(params).get("/api/v1/metrics/series").then().statusCode(200);
        Map<String, String> autumn = Map.of("from", "2026-10-24", "to", "2026-10-26", "granularity", "day");
        await().atMost(Duration.ofSeconds(20)).until(() -> series.apply(autumn).extract().jsonPath()
                .getList("series[0].points.n", Integer.class).equals(List.of(0, 4, 1)));
        series.apply(Map.of("from", "2026-03-28", "to", "2026-03-30", "granularity", "day"))
                .body("series[0].points.period", contains("2026-03-28", "2026-03-29", "2026-03-30"))
                .body("series[0].points.n", contains(0, 2, 1));
        // Sunday 29 Mar ends its ISO week in Berlin; 00:30 CEST on Monday opens the next one.
        series.apply(Map.of("from", "2026-03-23", "to", "2026-04-05", "granularity", "week"))
                .body("series[0].points.period", contains("2026-03-23", "2026-03-30"))
                .body("series[0].points.n", contains(2, 1));
        series.apply(Map.of("from", "2026-10-19", "to", "2026-11-01", "granularity", "week"))
                .body("series[0].points.n", contains(4, 1));
    }

    @Test
    void correlationOfCesAndCsatIsExactAtTouchpointStageAndJourney() {
        for (Map<String, String> scope : new Map[] {
                Map.of("scope", "touchpoint", "id", "tp_a2__________", "journeyId", "jr_TestJourney02"),
                Map.of("scope", "stage", "id", "st_a___________", "journeyId", "jr_TestJourney02")}) {
            given().auth().oauth2(TestTokens.analyst("ws-a")).queryParams(scope).queryParam("pair", "CES_CSAT")
                    .queryParam("from", OCTOBER_FROM).queryParam("to", OCTOBER_TO)
                    .get("/api/v1/metrics/correlation").then()
                    .statusCode(200)
                    .body("results", hasSize(1))
                    .body("results[0].n", equalTo(5))
                    .body("results[0].otherScale", equalTo("CSAT:1-5"))
                    .body("results[0].pearson", closeTo(0.7745966692, 1e-9))
                    .body("results[0].spearman", closeTo(0.7378647874, 1e-9))
                    .body("results[0].pearsonCi95.low", lessThan(0.0))
                    .body("results[0].jointHistogram.'3_5'", equalTo(1))
                    .body("results[0].lowSample", equalTo(true));
        }
    }

    @Test
    void constantAnswersHaveNoCorrelation() {
        given().auth().oauth2(TestTokens.analyst("ws-a")).queryParam("pair", "CES_NPS").queryParam("scope", "touchpoint")
                .queryParam("id", "tp_b1__________").queryParam("journeyId", "jr_TestJourney02")
                .queryParam("from", OCTOBER_FROM).queryParam("to", OCTOBER_TO)
                .get("/api/v1/metrics/correlation").then()
                .statusCode(200)
                .body("results[0].n", equalTo(35))
                .body("results[0].pearson", nullValue())
                .body("results[0].spearman", nullValue());
    }

    @Test
    void anotherWorkspacesJourneyIsNotFoundEverywhere() {
        scorecard(TestTokens.analyst("ws-b")).statusCode(404).contentType("application/problem+json");
        changes("ws-b").statusCode(404);
        given().auth().oauth2(TestTokens.analyst("ws-b")).get("/api/v1/metrics/journeys/jr_TestJourney02/hotspots").then()
                .statusCode(404);
        given().auth().oauth2(TestTokens.analyst("ws-b")).queryParam("scope", "stage").queryParam("id", "st_a___________")
                .queryParam("journeyId", "jr_TestJourney02").get("/api/v1/metrics/series").then().statusCode(404);
        given().auth().oauth2(TestTokens.analyst("ws-b")).queryParam("scope", "workspace").queryParam("id", "ws-a")
                .get("/api/v1/metrics/series").then().statusCode(404);
    }

    @Test
    void lastKnownJourneyStandsInWhileJourneyServiceIsDown() {
        // One failing call only (three attempts): more would open the breaker for the other tests of this app.
        scorecard(TestTokens.analyst("ws-a")).statusCode(200);
        given().post(stub + "/stub/journeys-down?on=true").then().statusCode(204);
        try {
            scorecard(TestTokens.analyst("ws-a")).statusCode(200)
                    .body("stages.stageId", contains("st_a___________", "st_b___________"))
                    .body("overall.CES[0].n", equalTo(80));
        } finally {
            given().post(stub + "/stub/journeys-down?on=false").then().statusCode(204);
        }
    }

    @Test
    void funnelCountsInteractionsPerStageAndPassesFeedPositionsWithoutInteractions() {
        // More gaps than a page holds (batch size 3): the ingestor must keep following 'next' across empty pages.
        for (int i = 0; i < 7; i++) {
            given().body("gap").post(stub + "/stub/interactions").then().statusCode(204);
        }
        String[][] interactions = {{"st_a___________", "tp_a1__________", "resolved", "60"}, {"st_a___________", "tp_a2__________", "escalated", "120"},
            {"st_a___________", "tp_a1__________", "resolved", "null"}, {"st_a___________", "tp_a1__________", "abandoned", "30"}, {"st_b___________", "tp_b1__________", "resolved", "90"}};
        for (String[] ix : interactions) {
            given().body("""
                    {"id":"%s","workspace":"ws-a","source":"crm","externalId":"e","customerId":"c1","journeyId":"jr_TestJourney02",
                     "stageId":"%s","touchpointId":"%s","channel":"web","occurredAt":"2026-10-09T10:00:00Z",
                     "receivedAt":"2026-10-09T10:00:01Z","outcome":"%s","durationSeconds":%s,"segments":{}}
                    """.formatted(UUID.randomUUID(), ix[0], ix[1], ix[2], ix[3])).post(stub + "/stub/interactions")
                    .then().statusCode(204);
            given().body("gap").post(stub + "/stub/interactions").then().statusCode(204);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> funnel().extract().path("stages[1].interactions")
                instanceof Integer n && n == 1);
        funnel().statusCode(200)
                .body("stages.stageId", contains("st_a___________", "st_b___________"))
                .body("stages[0].interactions", equalTo(4))
                .body("stages[0].outcomes.resolved", equalTo(2))
                .body("stages[0].outcomes.escalated", equalTo(1))
                .body("stages[0].resolvedShare", closeTo(0.5, 1e-9))
                // Wilson for 2 of 4, as a fraction like the share itself
                .body("stages[0].resolvedCi95.low", closeTo(0.15004, 1e-4))
                .body("stages[0].resolvedCi95.high", closeTo(0.84996, 1e-4))
                .body("stages[0].meanDurationSeconds", closeTo(70.0, 1e-9))
                .body("stages[0].lowSample", equalTo(true))
                .body("stages[1].firstStageVolumeRatio", closeTo(0.25, 1e-9));
    }

    @Test
    void funnelCountsDistinctCustomersAndTheirConversionBetweenStages() {
        // July: f1 three times in st_a___________ and once in st_b___________; f2 and f3 once in st_a___________; f4 only in st_b___________; f5 in st_a___________ in June.
        String[][] visits = {{"f1", "st_a___________", "tp_a1__________", "2026-07-02"}, {"f1", "st_a___________", "tp_a2__________", "2026-07-03"},
            {"f1", "st_a___________", "tp_a1__________", "2026-07-04"}, {"f1", "st_b___________", "tp_b1__________", "2026-07-05"},
            {"f2", "st_a___________", "tp_a1__________", "2026-07-10"}, {"f3", "st_a___________", "tp_a2__________", "2026-07-11"},
            {"f4", "st_b___________", "tp_b1__________", "2026-07-12"}, {"f5", "st_a___________", "tp_a1__________", "2026-06-30"}};
        for (String[] visit : visits) {
            given().body("""
                    {"id":"%s","workspace":"ws-a","customerId":"%s","journeyId":"jr_TestJourney02","stageId":"%s",
                     "touchpointId":"%s","occurredAt":"%sT10:00:00Z","outcome":"resolved"}
                    """.formatted(UUID.randomUUID(), visit[0], visit[1], visit[2], visit[3]))
                    .post(stub + "/stub/interactions").then().statusCode(204);
        }
        Supplier<ValidatableResponse> july = () -> given().auth().oauth2(TestTokens.analyst("ws-a"))
                .queryParam("from", "2026-07-01").queryParam("to", "2026-07-31")
                .get("/api/v1/metrics/journeys/jr_TestJourney02/funnel").then();
        await().atMost(Duration.ofSeconds(20)).until(() -> july.get().extract().path("stages[1].customers")
                instanceof Integer n && n == 2);
        july.get().statusCode(200)
                .body("stages[0].interactions", equalTo(5))
                .body("stages[0].customers", equalTo(3))
                .body("stages[0].continuedFromPrevious", nullValue())
                .body("stages[1].customers", equalTo(2))
                .body("stages[1].continuedFromPrevious", equalTo(1))
                .body("stages[1].conversionRate", closeTo(1 / 3.0, 1e-9))
                .body("stages[1].dropOffRate", closeTo(2 / 3.0, 1e-9))
                // Wilson, 1 of 3: centre (1/3 + 1.96²/6) / (1 + 1.96²/3)
                .body("stages[1].conversionCi95.low", closeTo(0.06149, 1e-4))
                .body("stages[1].conversionCi95.high", closeTo(0.79234, 1e-4));
    }

    @Test
    void retentionCohortsFollowEachCustomerFromTheirFirstWeek() {
        // r1 in the weeks of 7, 14 and 28 Sep; r2 only in the week of 7 Sep; r3 in the weeks of 14 and 21 Sep.
        String[][] visits = {{"r1", "2026-09-08"}, {"r2", "2026-09-09"}, {"r1", "2026-09-15"}, {"r1", "2026-09-16"},
            {"r3", "2026-09-17"}, {"r3", "2026-09-22"}, {"r1", "2026-09-29"}};
        for (String[] visit : visits) {
            given().body("""
                    {"id":"%s","workspace":"ws-a","customerId":"%s","journeyId":"jr_TestJourney02","stageId":"st_a___________",
                     "touchpointId":"tp_a1__________","occurredAt":"%sT10:00:00Z","outcome":"resolved"}
                    """.formatted(UUID.randomUUID(), visit[0], visit[1])).post(stub + "/stub/interactions")
                    .then().statusCode(204);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> retention().extract().path("cohorts[1].customers")
                instanceof Integer n && n == 1);
        retention().statusCode(200)
                .body("from", equalTo("2026-08-31"))
                .body("cohorts.week", contains("2026-09-07", "2026-09-14"))
                .body("cohorts[0].customers", equalTo(2))
                .body("cohorts[0].weeks.active", contains(2, 1, 0, 1))
                .body("cohorts[0].periods.active", contains(2, 1, 0, 1))
                .body("cohorts[0].periods.start", contains("2026-09-07", "2026-09-14", "2026-09-21", "2026-09-28"))
                .body("period", equalTo("week"))
                .body("completeThrough", equalTo("2026-10-04"))
                .body("cohorts[0].weeks[1].rate", closeTo(0.5, 1e-9))
                .body("cohorts[0].weeks[1].ci95.low", greaterThan(0.0))
                .body("cohorts[0].churnRate", closeTo(0.5, 1e-9))
                .body("cohorts[1].weeks.active", contains(1, 1, 0))
                .body("cohorts[1].churnRate", closeTo(1.0, 1e-9))
                .body("cohorts[1].lowSample", equalTo(true));
    }

    @Test
    void retentionFollowsCompletePeriodsOnlySoTheWeekStillFillingChurnsNobody() {
        String journey = registerJourney("jr_RetentionWk01");
        Instant now = Instant.now();
        LocalDate today = LocalDate.ofInstant(now, BERLIN);
        LocalDate w0 = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate w1 = w0.minusWeeks(1);
        LocalDate w2 = w0.minusWeeks(2);
        // c1 in weeks 2 and 1 (not yet this week), c2 in week 2 only, c3 in week 1 and this week, c4 this week only.
        interact(journey, "c1", w2.plusDays(1));
        interact(journey, "c1", w1.plusDays(1));
        interact(journey, "c2", w2.plusDays(2));
        interact(journey, "c3", w1.plusDays(2));
        interact(journey, "c3", now);
        interact(journey, "c4", now);
        Supplier<ValidatableResponse> weekly = () -> given().auth().oauth2(TestTokens.analyst("ws-a"))
                .queryParam("from", w2.toString()).queryParam("to", today.toString())
                .get("/api/v1/metrics/journeys/" + journey + "/retention").then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> weekly.get().extract().path("cohorts[1].customers")
                instanceof Integer n && n == 1 && weekly.get().extract().path("cohorts[0].customers") instanceof Integer m
                && m == 2);
        weekly.get()
                .body("period", equalTo("week"))
                .body("to", equalTo(w0.plusDays(6).toString()))
                .body("completeThrough", equalTo(w0.minusDays(1).toString()))
                // c4's cohort is this week, still filling: no cohort, and no column for this week either
                .body("cohorts.start", contains(w2.toString(), w1.toString()))
                .body("cohorts[0].periods.active", contains(2, 1))
                // c1 has not come back yet this week; that is no churn: the last complete week counts
                .body("cohorts[0].churnRate", closeTo(0.5, 1e-9))
                .body("cohorts[1].periods.active", contains(1))
                .body("cohorts[1].churnRate", nullValue());
    }

    @Test
    void monthlyCohortsFollowEachCustomerFromTheirFirstMonth() {
        String journey = registerJourney("jr_RetentionMo01");
        Instant now = Instant.now();
        LocalDate today = LocalDate.ofInstant(now, BERLIN);
        LocalDate m0 = today.withDayOfMonth(1);
        LocalDate m1 = m0.minusMonths(1);
        LocalDate m2 = m0.minusMonths(2);
        interact(journey, "m1", m2.plusDays(9));
        interact(journey, "m1", m1.plusDays(27));
        interact(journey, "m2", m2.plusDays(20));
        interact(journey, "m3", m1.plusDays(9));
        interact(journey, "m3", now);
        interact(journey, "m4", now);
        Supplier<ValidatableResponse> monthly = () -> given().auth().oauth2(TestTokens.analyst("ws-a"))
                .queryParam("from", m2.toString()).queryParam("to", today.toString()).queryParam("period", "month")
                .get("/api/v1/metrics/journeys/" + journey + "/retention").then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> monthly.get().extract().path("cohorts[1].customers")
                instanceof Integer n && n == 1 && monthly.get().extract().path("cohorts[0].customers")
                instanceof Integer m && m == 2);
        monthly.get()
                .body("period", equalTo("month"))
                .body("from", equalTo(m2.toString()))
                .body("completeThrough", equalTo(m0.minusDays(1).toString()))
                .body("cohorts.start", contains(m2.toString(), m1.toString()))
                .body("cohorts[0].week", equalTo(m2.toString()))
                .body("cohorts[0].periods.start", contains(m2.toString(), m1.toString()))
                .body("cohorts[0].periods.active", contains(2, 1))
                .body("cohorts[0].churnRate", closeTo(0.5, 1e-9))
                .body("cohorts[1].periods.active", contains(1))
                .body("cohorts[1].churnRate", nullValue());
    }

    private String registerJourney(String journey) {
        given().body("""
                {"id":"%s","name":"Retention","version":1,"stages":[{"id":"st_r___________","name":"S","touchpoints":[
                  {"id":"tp_r1__________","name":"T","channel":"web","targets":{}}]}]}""".formatted(journey))
                .post(stub + "/stub/journeys?workspace=ws-a&id=" + journey).then().statusCode(204);
        return journey;
    }

    private void interact(String journey, String customer, LocalDate day) {
        interact(journey, customer, day.atTime(10, 0).atZone(BERLIN).toInstant());
    }

    private void interact(String journey, String customer, Instant at) {
        given().body("""
                {"id":"%s","workspace":"ws-a","customerId":"%s","journeyId":"%s","stageId":"st_r___________",
                 "touchpointId":"tp_r1__________","occurredAt":"%s","outcome":"resolved"}
                """.formatted(UUID.randomUUID(), customer, journey, at)).post(stub + "/stub/interactions")
                .then().statusCode(204);
    }

    private static ValidatableResponse retention() {
        return given().auth().oauth2(TestTokens.analyst("ws-a")).queryParam("from", "2026-09-01")
                .queryParam("to", "2026-09-30").get("/api/v1/metrics/journeys/jr_TestJourney02/retention").then();
    }

    private static ValidatableResponse funnel() {
        return given().auth().oauth2(TestTokens.analyst("ws-a")).queryParam("from", OCTOBER_FROM)
                .queryParam("to", OCTOBER_TO).get("/api/v1/metrics/journeys/jr_TestJourney02/funnel").then();
    }

    @Test
    void unknownStageIsNotFound() {
        series(Map.of("scope", "stage", "id", "st_zz__________", "journeyId", "jr_TestJourney02")).statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void badParametersAreRejectedNamingTheField() {
        badRequest("/api/v1/metrics/series", Map.of("id", "x"), "scope");
        badRequest("/api/v1/metrics/series", Map.of("scope", "journey"), "id");
        badRequest("/api/v1/metrics/series", Map.of("scope", "stage", "id", "st_a___________"), "journeyId");
        badRequest("/api/v1/metrics/series", Map.of("scope", "question", "id", "ces"), "surveyId");
        badRequest("/api/v1/metrics/series", Map.of("scope", "workspace", "granularity", "hour"), "granularity");
        badRequest("/api/v1/metrics/series", Map.of("scope", "workspace", "segment", "tier:gold"), "segment");
        badRequest("/api/v1/metrics/series", Map.of("scope", "workspace", "segment", "region"), "segment");
        badRequest("/api/v1/metrics/series", Map.of("scope", "workspace", "metric", "EFFORT"), "metric");
        badRequest("/api/v1/metrics/series", Map.of("scope", "workspace", "to", "2026-13-01"), "to");
        badRequest("/api/v1/metrics/series", Map.of("scope", "workspace", "from", "2026-11-02", "to", "2026-11-01"), "from");
        badRequest("/api/v1/metrics/correlation", Map.of("pair", "CSAT_NPS", "scope", "workspace"), "pair");
        badRequest("/api/v1/metrics/correlation", Map.of("pair", "CES_NPS", "scope", "question", "id", "q"), "scope");
        badRequest("/api/v1/metrics/correlation", Map.of("pair", "CES_NPS", "scope", "workspace", "surveyId", "s"),
                "surveyId");
        badRequest("/api/v1/metrics/journeys/jr_TestJourney02/changes", Map.of("period", "day"), "period");
        badRequest("/api/v1/metrics/journeys/jr_TestJourney02/retention", Map.of("period", "quarter"), "period");
        badRequest("/api/v1/metrics/journeys/jr_TestJourney02/scorecard", Map.of("from", "soon"), "from");
    }

    @Test
    void crmPartnerMayNotReadJourneyMetrics() {
        for (String path : new String[] {"/api/v1/metrics/journeys/jr_TestJourney02/scorecard", "/api/v1/metrics/journeys/jr_TestJourney02/hotspots",
                "/api/v1/metrics/journeys/jr_TestJourney02/funnel", "/api/v1/metrics/journeys/jr_TestJourney02/retention",
                "/api/v1/metrics/journeys/jr_TestJourney02/changes", "/api/v1/metrics/series", "/api/v1/metrics/correlation"}) {
            given().auth().oauth2(TestTokens.partner("ws-a")).get(path).then().statusCode(403)
                    .contentType("application/problem+json");
            given().get(path).then().statusCode(401);
        }
    }

    @Test
    void workspaceSeriesCountsEveryResponseOfTheWorkspace() {
        series(Map.of("scope", "workspace", "granularity", "month", "metric", "NPS"))
                .statusCode(200)
                .body("id", equalTo("ws-a"))
                .body("series[0].points[0].n", equalTo(75));
    }

    @Test
    void anotherWorkspacesSurveyOrAnUnknownQuestionIsNotFound() {
        given().auth().oauth2(TestTokens.analyst("ws-b")).queryParam("scope", "survey").queryParam("id", "5a000000-0000-4000-8000-00000000000a")
                .get("/api/v1/metrics/series").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("id"))
                .body("errors[0].message", equalTo("is not a survey of your workspace"));
        given().auth().oauth2(TestTokens.analyst("ws-a")).queryParam("scope", "question").queryParam("id", "nope")
                .queryParam("surveyId", "5a000000-0000-4000-8000-00000000000a")
                .get("/api/v1/metrics/series").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("id"))
                .body("detail", equalTo("No question nope in survey 5a000000-0000-4000-8000-00000000000a"));
        given().auth().oauth2(TestTokens.analyst("ws-a")).queryParam("scope", "question").queryParam("id", "ces")
                .queryParam("surveyId", "5a000000-0000-4000-8000-00000000000a")
                .get("/api/v1/metrics/series").then()
                .statusCode(200);
    }

    private ValidatableResponse seriesOfZoneSurvey() {
        return given().auth().oauth2(TestTokens.analyst("ws-a")).queryParam("scope", "survey").queryParam("id", "5a000000-0000-4000-8000-00000000000a")
                .queryParam("from", "2026-10-20").queryParam("to", "2026-10-21")
                .get("/api/v1/metrics/series").then().statusCode(200);
    }

    private static void badRequest(String path, Map<String, String> params, String field) {
        given().auth().oauth2(TestTokens.analyst("ws-a")).queryParams(params).get(path).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo(field));
    }

    private static ValidatableResponse scorecard(String token) {
        return given().auth().oauth2(token).queryParam("from", OCTOBER_FROM).queryParam("to", OCTOBER_TO)
                .get("/api/v1/metrics/journeys/jr_TestJourney02/scorecard").then();
    }

    private static ValidatableResponse changes(String workspace) {
        return given().auth().oauth2(TestTokens.analyst(workspace)).queryParam("period", "week")
                .queryParam("at", "2026-11-10").get("/api/v1/metrics/journeys/jr_TestJourney02/changes").then();
    }

    private static ValidatableResponse series(Map<String, String> params) {
        RequestSpecification request = given().auth().oauth2(TestTokens.analyst("ws-a")).queryParams(params);
        if (!params.containsKey("from")) {
            request.queryParam("from", OCTOBER_FROM).queryParam("to", OCTOBER_TO);
        }
        return request.get("/api/v1/metrics/series").then();
    }

    private void feed(String touchpoint, String occurredAt, String channel, String segments, String... answers) {
        given().body(event(touchpoint, "s-jr_TestJourney02", "jr_TestJourney02", occurredAt, channel, segments, answers))
                .post(stub + "/stub/responses").then().statusCode(204);
    }

    private void feedTo(String journey, String touchpoint, String... answers) {
        given().body(event(touchpoint, "s-" + journey, journey, "2026-10-12T10:00:00Z", "web", "{}", answers))
                .post(stub + "/stub/responses").then().statusCode(204);
    }

    private static String event(String touchpoint, String survey, String journey, String occurredAt, String channel,
            String segments, String... answers) {
        return """
                {"id":"%s","workspace":"ws-a","surveyId":"%s","journeyId":"%s","touchpointId":"%s","channel":"%s",
                 "customerId":"c1","segments":%s,"occurredAt":"%s","receivedAt":"%s","answers":[%s]}
                """.formatted(UUID.randomUUID(), survey, journey, touchpoint, channel, segments, occurredAt, occurredAt,
                String.join(",", answers));
    }

    private static String answer(String key, String kind, int min, int max, String scoring, int score) {
        return """
                {"questionKey":"%s","kind":"%s","scaleMin":%d,"scaleMax":%d,"scoring":"%s","score":%d,"text":null}
                """.formatted(key, kind, min, max, scoring, score);
    }
}
