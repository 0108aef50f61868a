package io.effortmap.metrics.aggregate.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.effortmap.metrics.feed.client.ResponseFeedPage.Answer;
import io.effortmap.metrics.feed.client.ResponseFeedPage.ResponseEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BucketPlannerTest {

    private static final String CES_7 = "CES_AGREEMENT:1-7";

    private static final BucketPlanner PLANNER = new BucketPlanner(new Dimensions(List.of("region"),
            Map.of("ws-berlin", ZoneId.of("Europe/Berlin"))));

    private static ResponseEvent event(String position, int ces, String comment) {
        return event(position, "ws", "2026-11-01T10:00:00Z", Map.of(),
                List.of(new Answer("ces", "CES", 1, 7, "CES_AGREEMENT", ces, null),
                        new Answer("why", "COMMENT", 0, 0, "TEXT", null, comment)));
    }

    private static ResponseEvent event(String position, String workspace, String occurredAt, Map<String, String> segments,
            List<Answer> answers) {
        return new ResponseEvent(position, "r" + position, workspace, "s", "j", "tp", "web", "c", segments,
                Instant.parse(occurredAt), Instant.parse(occurredAt), answers);
    }

    private static AggregateDelta touchpointDay(Collection<AggregateDelta> deltas) {
        return deltas.stream().filter(d -> d.key().scope() == Scope.TOUCHPOINT && d.key().slice().equals("all")
                && d.key().granularity() == Granularity.DAY && d.key().metric().equals("CES")).findFirst().orElseThrow();
    }

    @Test
    void sumsScoredAnswersPerBucketAndIgnoresComments() {
        Collection<AggregateDelta> deltas = PLANNER.plan(List.of(event("01", 6, "ok"), event("02", 3, null)), Map.of());

        assertThat(touchpointDay(deltas)).satisfies(d -> {
            assertThat(d.scales()).containsOnlyKeys(CES_7);
            assertThat(d.n(CES_7)).isEqualTo(2);
            assertThat(d.sum(CES_7)).isEqualTo(9);
            assertThat(d.sumSquares(CES_7)).isEqualTo(45);
            assertThat(d.histogram(CES_7)).containsExactlyInAnyOrderEntriesOf(Map.of(3, 1L, 6, 1L));
            assertThat(d.position()).isEqualTo("02");
            assertThat(d.key().id()).isEqualTo("ws|touchpoint|j/tp|all|CES|day|2026-11-01");
        });
        assertThat(deltas).noneMatch(d -> d.key().metric().equals("COMMENT"));
    }

    @Test
    void everyAnswerLandsInEachScopeSliceAndGranularity() {
        Collection<AggregateDelta> deltas = PLANNER.plan(List.of(event("01", 6, null)), Map.of());

        // scopes workspace, survey, question, journey, touchpoint × slices all, channel=web × day, week, month
        assertThat(deltas).hasSize(5 * 2 * 3).allSatisfy(d -> assertThat(d.n(CES_7)).isEqualTo(1));
        assertThat(deltas).extracting(d -> d.key().scope()).containsOnly(
                Scope.WORKSPACE, Scope.SURVEY, Scope.QUESTION, Scope.JOURNEY, Scope.TOUCHPOINT);
    }

    @Test
    void configuredSegmentsGetTheirOwnSlicesAloneAndWithinTheChannel() {
        ResponseEvent e = event("01", "ws", "2026-11-01T10:00:00Z", Map.of("region", "EU", "plan", "pro"),
                List.of(new Answer("ces", "CES", 1, 7, "CES_AGREEMENT", 5, null)));

        assertThat(PLANNER.plan(List.of(e), Map.of())).extracting(d -> d.key().slice()).containsOnly(
                "all", "channel=web", "region=EU", "channel=web,region=EU");
    }

    @Test
    void daysWeeksAndMonthsAreCountedInTheWorkspacesTimeZone() {
        // 23:30 UTC on Sunday 30 Nov is already Monday 1 Dec in Berlin: a new day, ISO week and month there.
        ResponseEvent e = event("01", "ws-berlin", "2026-11-30T23:30:00Z", Map.of(),
                List.of(new Answer("ces", "CES", 1, 7, "CES_AGREEMENT", 5, null)));
        ResponseEvent utc = event("02", "ws", "2026-11-30T23:30:00Z", Map.of(),
                List.of(new Answer("ces", "CES", 1, 7, "CES_AGREEMENT", 5, null)));

        assertThat(periods(e)).containsExactlyInAnyOrderEntriesOf(Map.of(
                Granularity.DAY, LocalDate.parse("2026-12-01"), Granularity.WEEK, LocalDate.parse("2026-11-30"),
                Granularity.MONTH, LocalDate.parse("2026-12-01")));
        assertThat(periods(utc)).containsExactlyInAnyOrderEntriesOf(Map.of(
                Granularity.DAY, LocalDate.parse("2026-11-30"), Granularity.WEEK, LocalDate.parse("2026-11-30"),
                Granularity.MONTH, LocalDate.parse("2026-11-01")));
    }

    @Test
    void isoWeeksStartOnMondayAcrossAYearBoundary() {
        assertThat(Granularity.WEEK.start(LocalDate.parse("2027-01-03"))).isEqualTo("2026-12-28");
        assertThat(Granularity.WEEK.start(LocalDate.parse("2026-12-28"))).isEqualTo("2026-12-28");
    }

    @Test
    void aRangeIsCoveredByWholeMonthsThenWholeWeeksThenDays() {
        assertThat(new PeriodRange(LocalDate.parse("2026-09-20"), LocalDate.parse("2026-12-05")).cover()).containsExactly(
                segment(Granularity.DAY, "2026-09-20", "2026-09-20"),
                segment(Granularity.WEEK, "2026-09-21", "2026-09-21"),
                segment(Granularity.DAY, "2026-09-28", "2026-09-30"),
                segment(Granularity.MONTH, "2026-10-01", "2026-11-01"),
                segment(Granularity.DAY, "2026-12-01", "2026-12-05"));
        assertThat(new PeriodRange(LocalDate.parse("2026-10-01"), LocalDate.parse("2026-10-31")).cover()).containsExactly(
                segment(Granularity.MONTH, "2026-10-01", "2026-10-01"));
        assertThat(new PeriodRange(LocalDate.parse("2026-10-02"), LocalDate.parse("2026-11-30")).cover()).containsExactly(
                segment(Granularity.DAY, "2026-10-02", "2026-10-04"),
                segment(Granularity.WEEK, "2026-10-05", "2026-10-19"),
                segment(Granularity.DAY, "2026-10-26", "2026-10-31"),
                segment(Granularity.MONTH, "2026-11-01", "2026-11-01"));
        assertThat(new PeriodRange(LocalDate.parse("2026-10-02"), LocalDate.parse("2026-10-30")).cover()).containsExactly(
                segment(Granularity.DAY, "2026-10-02", "2026-10-04"),
                segment(Granularity.WEEK, "2026-10-05", "2026-10-19"),
                segment(Granularity.DAY, "2026-10-26", "2026-10-30"));
        assertThat(new PeriodRange(LocalDate.parse("2026-10-06"), LocalDate.parse("2026-10-08")).cover()).containsExactly(
                segment(Granularity.DAY, "2026-10-06", "2026-10-08"));
    }

    private static PeriodRange.Segment segment(Granularity granularity, String from, String to) {
        return new PeriodRange.Segment(granularity, LocalDate.parse(from), LocalDate.parse(to));
    }

    @Test
    void respondentPairsUseTheFirstCesAndTheFirstCsatAndNpsOfAResponse() {
        ResponseEvent e = event("01", "ws", "2026-11-01T10:00:00Z", Map.of(), List.of(
                new Answer("ces", "CES", 1, 7, "CES_AGREEMENT", 6, null),
                new Answer("csat", "CSAT", 1, 5, "CSAT", 4, null),
                new Answer("csat2", "CSAT", 1, 5, "CSAT", 1, null),
                new Answer("nps", "NPS", 0, 10, "NPS", 9, null)));

        Collection<AggregateDelta> deltas = PLANNER.plan(List.of(e), Map.of());

        AggregateDelta pair = deltas.stream().filter(d -> d.key().metric().equals("CES_CSAT")
                && d.key().scope() == Scope.TOUCHPOINT).findFirst().orElseThrow();
        assertThat(pair.increments("CES_AGREEMENT:1-7~CSAT:1-5")).containsExactlyInAnyOrderEntriesOf(Map.of("n", 1L, "sx", 6L, "sy", 4L,
                "sxx", 36L, "syy", 16L, "sxy", 24L, "joint.6_4", 1L));
        assertThat(pair.key().scale()).isEqualTo("CES_AGREEMENT:1-7~CSAT:1-5");
        assertThat(deltas).filteredOn(d -> d.key().metric().equals("CES_NPS")).hasSize(4);
    }

    @Test
    void answersAtOrBelowTheBucketsAppliedPositionAreNotCountedAgain() {
        List<ResponseEvent> replayedPage = List.of(event("01", 6, null), event("02", 3, null), event("03", 7, null));
        String id = touchpointDay(PLANNER.plan(replayedPage, Map.of())).key().id();

        Collection<AggregateDelta> deltas = PLANNER.plan(replayedPage, Map.of(id, "02"));

        assertThat(touchpointDay(deltas)).satisfies(d -> {
            assertThat(d.n(CES_7)).isEqualTo(1);
            assertThat(d.sum(CES_7)).isEqualTo(7);
            assertThat(d.position()).isEqualTo("03");
        });
    }

    @Test
    void answersOnDifferentScalesShareTheStoredBucketButNeverAnEntry() {
        ResponseEvent agreement = event("01", "ws", "2026-11-01T10:00:00Z", Map.of(),
                List.of(new Answer("ces", "CES", 1, 7, "CES_AGREEMENT", 6, null)));
        ResponseEvent effort = event("02", "ws", "2026-11-01T11:00:00Z", Map.of(),
                List.of(new Answer("ces", "CES", 1, 5, "CES_EFFORT", 2, null)));

        assertThat(touchpointDay(PLANNER.plan(List.of(agreement, effort), Map.of()))).satisfies(d -> {
            assertThat(d.scales()).containsOnlyKeys(CES_7, "CES_EFFORT:1-5");
            assertThat(d.histogram(CES_7)).containsExactlyEntriesOf(Map.of(6, 1L));
            assertThat(d.histogram("CES_EFFORT:1-5")).containsExactlyEntriesOf(Map.of(2, 1L));
        });
    }

    @Test
    void scoringMethodsOutsideTheVocabularyShapeCannotBecomeFieldPaths() {
        ResponseEvent e = event("01", "ws", "2026-11-01T10:00:00Z", Map.of(),
                List.of(new Answer("ces", "CES", 1, 7, "CES.$x", 6, null)));

        assertThat(PLANNER.plan(List.of(e), Map.of())).isEmpty();
    }

    @Test
    void fullyAppliedPageProducesNoWrites() {
        List<ResponseEvent> page = List.of(event("01", 6, null));
        Map<String, String> applied = new java.util.HashMap<>();
        PLANNER.keys(page).forEach(k -> applied.put(k.id(), "01"));

        assertThat(PLANNER.plan(page, applied)).isEmpty();
    }

    @Test
    void separatorsInUserSuppliedPartsCannotMakeTwoBucketsShareAnId() {
        AggregateKey a = new AggregateKey("ws", Scope.TOUCHPOINT, "j/tp", "j", "region=a|b", "CES", "CES_AGREEMENT", 1, 7,
                "CES_AGREEMENT:1-7", Granularity.DAY, LocalDate.parse("2026-11-01"));
        AggregateKey b = new AggregateKey("ws", Scope.TOUCHPOINT, "j/tp|region=a", "j", "b", "CES", "CES_AGREEMENT", 1,
                7, "CES_AGREEMENT:1-7", Granularity.DAY, LocalDate.parse("2026-11-01"));

        assertThat(a.id()).isNotEqualTo(b.id());
    }

    private static Map<Granularity, LocalDate> periods(ResponseEvent e) {
        Map<Granularity, LocalDate> periods = new java.util.EnumMap<>(Granularity.class);
        PLANNER.plan(List.of(e), Map.of()).stream()
                .filter(d -> d.key().scope() == Scope.WORKSPACE && d.key().slice().equals("all"))
                .forEach(d -> periods.put(d.key().granularity(), d.key().period()));
        return periods;
    }
}
