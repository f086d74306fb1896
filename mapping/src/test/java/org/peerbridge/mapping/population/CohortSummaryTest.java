package org.peerbridge.mapping.population;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerbridge.mapping.population.Cohorts.participant;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.peerbridge.mapping.outcome.Instrument;
import org.peerbridge.mapping.outcome.TimePoint;
import org.peerbridge.mapping.population.Participant.Ending;

class CohortSummaryTest {

    private static final ReportSettings SETTINGS = ReportSettings.DEFAULTS;

    @Test
    void phq9ChangeResponseAndRemissionByHand() {
        List<Participant> cohort = List.of(
                participant("a").score(Instrument.PHQ_9, TimePoint.BASELINE, 20).score(Instrument.PHQ_9, TimePoint.DAY_30, 8).build(),
                participant("b").score(Instrument.PHQ_9, TimePoint.BASELINE, 12).score(Instrument.PHQ_9, TimePoint.DAY_30, 4).build(),
                participant("c").score(Instrument.PHQ_9, TimePoint.BASELINE, 6).score(Instrument.PHQ_9, TimePoint.DAY_30, 6).build(),
                participant("d-missing-follow-up").score(Instrument.PHQ_9, TimePoint.BASELINE, 15).build(),
                participant("e-no-baseline").score(Instrument.PHQ_9, TimePoint.DAY_30, 5).build());

        InstrumentOutcome day30 = CohortSummary.of(cohort, SETTINGS).outcome(Instrument.PHQ_9, TimePoint.DAY_30);

        assertEquals(4, day30.withBaseline());
        assertEquals(3, day30.paired());
        assertEquals(38 / 3.0, day30.baselineMean().orElseThrow().mean(), 1e-9); // 20, 12, 6
        assertEquals(6.0, day30.followUpMean().orElseThrow().mean(), 1e-9); // 8, 4, 6
        Estimate change = day30.meanChange().orElseThrow(); // -12, -8, 0: s = 6.110101, se = 3.527668, t(0.975, 2) = 4.302653
        assertEquals(-20 / 3.0, change.mean(), 1e-9);
        assertEquals(-20 / 3.0 - 15.178331, change.low().orElseThrow(), 1e-5);
        assertEquals(-20 / 3.0 + 15.178331, change.high().orElseThrow(), 1e-5);
        assertEquals((-60 - 200 / 3.0 + 0) / 3, day30.meanPercentChange().orElseThrow().mean(), 1e-9);
        // elevated (baseline >= 10): a and b; both halved or better; only b (4) below 5
        assertEquals(new Share(2, 2), day30.response());
        assertEquals(new Share(1, 2), day30.remission());
        assertEquals(0, CohortSummary.of(cohort, SETTINGS).outcome(Instrument.PHQ_9, TimePoint.DAY_60).paired());
    }

    @Test
    void percentChangeLeavesOutAZeroBaseline() {
        List<Participant> cohort = List.of(
                participant("zero").score(Instrument.GAD_7, TimePoint.BASELINE, 0).score(Instrument.GAD_7, TimePoint.DAY_90, 3).build(),
                participant("ten").score(Instrument.GAD_7, TimePoint.BASELINE, 10).score(Instrument.GAD_7, TimePoint.DAY_90, 7).build());
        InstrumentOutcome day90 = CohortSummary.of(cohort, SETTINGS).outcome(Instrument.GAD_7, TimePoint.DAY_90);
        assertEquals(2, day90.paired());
        assertEquals(1, day90.nonZeroBaseline());
        assertEquals(-30.0, day90.meanPercentChange().orElseThrow().mean(), 1e-9);
        assertEquals(0.0, day90.meanChange().orElseThrow().mean(), 1e-9); // +3 and -3
        assertEquals(new Share(0, 1), day90.response()); // 7 is not half of 10
    }

    @Test
    void who5ImprovesUpwards() {
        List<Participant> cohort = List.of(
                participant("poor").score(Instrument.WHO_5, TimePoint.BASELINE, 32).score(Instrument.WHO_5, TimePoint.DAY_60, 56).build(),
                participant("small-rise").score(Instrument.WHO_5, TimePoint.BASELINE, 40).score(Instrument.WHO_5, TimePoint.DAY_60, 48).build(),
                participant("already-well").score(Instrument.WHO_5, TimePoint.BASELINE, 60).score(Instrument.WHO_5, TimePoint.DAY_60, 80).build());
        InstrumentOutcome day60 = CohortSummary.of(cohort, SETTINGS).outcome(Instrument.WHO_5, TimePoint.DAY_60);
        assertEquals(2, day60.elevated());
        assertEquals(new Share(1, 2), day60.response());
        assertEquals(new Share(1, 2), day60.remission());
    }

    @Test
    void criteriaAtTheirBoundaries() {
        assertTrue(ImprovementCriteria.PHQ_9.elevated(10) && !ImprovementCriteria.PHQ_9.elevated(9));
        assertTrue(ImprovementCriteria.PHQ_9.responded(11, 5) && !ImprovementCriteria.PHQ_9.responded(11, 6));
        assertTrue(ImprovementCriteria.PHQ_9.remitted(4) && !ImprovementCriteria.PHQ_9.remitted(5));
        assertTrue(ImprovementCriteria.PHQ_2.elevated(3) && ImprovementCriteria.PHQ_2.remitted(2) && !ImprovementCriteria.PHQ_2.remitted(3));
        assertTrue(ImprovementCriteria.UCLA_3.responded(8, 6) && !ImprovementCriteria.UCLA_3.responded(8, 7));
        assertTrue(ImprovementCriteria.UCLA_3.remitted(5) && !ImprovementCriteria.UCLA_3.remitted(6));
        assertTrue(ImprovementCriteria.WHO_5.elevated(48) && !ImprovementCriteria.WHO_5.elevated(52));
        assertTrue(ImprovementCriteria.WHO_5.responded(40, 50) && !ImprovementCriteria.WHO_5.responded(40, 49));
    }

    @Test
    void engagementFunnelByHand() {
        List<Participant> cohort = List.of(
                participant("done").acceptedAfter(2).startedAfter(7, 6, 1, 300).ended(Ending.COMPLETED, null).build(),
                participant("going").acceptedAfter(4).startedAfter(10, 2, 2, 90).build(),
                participant("waiting").acceptedAfter(1).build(),
                participant("declined").ended(Ending.DECLINED, "capacity").build(),
                participant("declined-uncoded").ended(Ending.DECLINED, null).build(),
                participant("cancelled").acceptedAfter(3).ended(Ending.CANCELLED, "moved").build());

        EngagementFunnel funnel = CohortSummary.of(cohort, SETTINGS).funnel();

        assertEquals(6, funnel.referred());
        assertEquals(4, funnel.accepted());
        assertEquals(2, funnel.started());
        assertEquals(1, funnel.completed());
        assertEquals(2, funnel.declined());
        assertEquals(1, funnel.cancelled());
        assertEquals(Map.of("capacity", 1L, EngagementFunnel.NOT_CODED, 1L), funnel.declinedByReason());
        assertEquals(Map.of("moved", 1L), funnel.cancelledByReason());
        assertEquals(2.5, funnel.medianDaysToAcceptance().orElseThrow()); // 1, 2, 3, 4
        assertEquals(8.5, funnel.medianDaysToFirstSession().orElseThrow()); // 7, 10
        assertEquals(4.0, funnel.sessionsPerParticipant().orElseThrow().mean());
        assertEquals(195.0, funnel.minutesPerParticipant().orElseThrow().mean());
        assertEquals(new Share(3, 11), funnel.noShows());
        assertEquals(new BigDecimal("1230"), CohortSummary.of(cohort, SETTINGS).cost().total()); // 2 started x 615
    }

    @Test
    void anEmptyCohortHasCountsOfZeroAndNoEstimates() {
        CohortSummary summary = CohortSummary.of(List.of(), SETTINGS);
        assertEquals(0, summary.funnel().referred());
        assertTrue(summary.funnel().medianDaysToAcceptance().isEmpty());
        assertTrue(summary.funnel().sessionsPerParticipant().isEmpty());
        assertTrue(summary.funnel().noShows().proportion().isEmpty());
        InstrumentOutcome day90 = summary.outcome(Instrument.PHQ_9, TimePoint.DAY_90);
        assertTrue(day90.meanChange().isEmpty());
        assertTrue(day90.response().proportion().isEmpty());
        assertEquals(BigDecimal.ZERO, summary.cost().total());
    }

    @Test
    void aSingleParticipantHasMeansWithoutIntervals() {
        CohortSummary summary = CohortSummary.of(List.of(participant("only").acceptedAfter(1).startedAfter(3, 1, 0, 45)
                .score(Instrument.UCLA_3, TimePoint.BASELINE, 8).score(Instrument.UCLA_3, TimePoint.DAY_30, 6).build()), SETTINGS);
        Estimate change = summary.outcome(Instrument.UCLA_3, TimePoint.DAY_30).meanChange().orElseThrow();
        assertEquals(-2.0, change.mean());
        assertTrue(change.low().isEmpty());
        assertEquals(3.0, summary.funnel().medianDaysToFirstSession().orElseThrow());
    }

    @Test
    void ageBands() {
        java.time.LocalDate referred = java.time.LocalDate.of(2026, 3, 1);
        assertEquals("under-18", Stratifier.ageBand(referred.minusYears(17), referred));
        assertEquals("18-24", Stratifier.ageBand(referred.minusYears(18), referred));
        assertEquals("25-34", Stratifier.ageBand(referred.minusYears(25), referred));
        assertEquals("25-34", Stratifier.ageBand(referred.minusYears(35).plusDays(1), referred));
        assertEquals("35-44", Stratifier.ageBand(referred.minusYears(35), referred));
        assertEquals("55-64", Stratifier.ageBand(referred.minusYears(64), referred));
        assertEquals("65-and-over", Stratifier.ageBand(referred.minusYears(90), referred));
    }
}
