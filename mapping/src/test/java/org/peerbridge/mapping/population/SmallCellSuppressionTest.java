package org.peerbridge.mapping.population;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerbridge.mapping.population.Cohorts.participant;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.peerbridge.mapping.outcome.Instrument;
import org.peerbridge.mapping.outcome.TimePoint;

class SmallCellSuppressionTest {

    @Test
    void aSmallCountIsHiddenAndZeroIsShown() {
        CellTable<String> table = new CellTable<String>().published("small", 10).published("zero", 0).published("large", 11);
        assertEquals(Set.of("small"), SmallCellSuppression.hidden(table, 11));
    }

    @Test
    void aTotalCannotGiveAHiddenPartAway() {
        CellTable<String> table = new CellTable<String>().published("total", 30).published("large", 25).published("small", 5)
                .sum("total", List.of("large", "small"));
        // with total and large shown, small = 30 - 25: large (the smallest other shown member) goes too
        assertEquals(Set.of("small", "large"), SmallCellSuppression.hidden(table, 11));
    }

    @Test
    void theSmallestOtherStratumIsHiddenWithTheSmallOne() {
        CellTable<String> table = new CellTable<String>().published("all", 60).published("a", 30).published("b", 25)
                .published("c", 5).sum("all", List.of("a", "b", "c"));
        assertEquals(Set.of("c", "b"), SmallCellSuppression.hidden(table, 11));
    }

    @Test
    void anUnpublishedComplementIsProtectedToo() {
        // referred 20 and accepted 15 shown would tell that 5 were not accepted
        CellTable<String> table = new CellTable<String>().published("referred", 20).published("accepted", 15)
                .unpublished("not-accepted", 5).sum("referred", List.of("accepted", "not-accepted"));
        assertEquals(Set.of("accepted"), SmallCellSuppression.hidden(table, 11));
    }

    @Test
    void aChainOfSumsIsFollowed() {
        // x = t - y, and y = u - v: with t, u, v shown, the small x is known through y
        CellTable<String> table = new CellTable<String>().published("t", 40).published("x", 3).unpublished("y", 37)
                .published("u", 50).published("v", 13)
                .sum("t", List.of("x", "y")).sum("u", List.of("y", "v"));
        Set<String> hidden = SmallCellSuppression.hidden(table, 11);
        assertTrue(hidden.contains("x"));
        assertTrue(hidden.contains("t"), "t is the only shown member of the sum that revealed x");
        assertFalse(hidden.contains("u") && hidden.contains("v"));
    }

    @Test
    void nothingIsHiddenWhenEveryCountIsLargeEnough() {
        CellTable<String> table = new CellTable<String>().published("total", 30).published("a", 15).published("b", 15)
                .sum("total", List.of("a", "b"));
        assertEquals(Set.of(), SmallCellSuppression.hidden(table, 11));
    }

    @Test
    void aSmallStratumCannotBeRecoveredFromTheWholeAndTheOtherStrata() {
        List<Participant> cohort = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String hospital = i < 15 ? "north" : i < 27 ? "south" : "east";
            cohort.add(participant("p" + i).acceptedAfter(1).startedAfter(5, 3, i % 2, 120)
                    .score(Instrument.PHQ_9, TimePoint.BASELINE, 12 + i % 5).score(Instrument.PHQ_9, TimePoint.DAY_90, 6)
                    .in(Stratifier.REFERRING_ORGANIZATION, hospital).build());
        }
        ProgramOutcomes outcomes = ProgramOutcomes.of(cohort, EnumSet.of(Stratifier.REFERRING_ORGANIZATION), ReportSettings.DEFAULTS);

        Stratifier org = Stratifier.REFERRING_ORGANIZATION;
        assertFalse(outcomes.shown(org, "east", Cells.REFERRED), "3 referrals");
        assertFalse(outcomes.shown(org, "south", Cells.REFERRED), "else east = 30 - 15 - 12");
        assertTrue(outcomes.shown(org, "north", Cells.REFERRED));
        assertTrue(outcomes.shown(null, null, Cells.REFERRED));
        for (String cell : List.of(Cells.ACCEPTED, Cells.STARTED, Cells.withBaseline(Instrument.PHQ_9),
                Cells.at(Instrument.PHQ_9, TimePoint.DAY_90, "paired"))) {
            assertFalse(outcomes.shown(org, "east", cell), cell);
            assertFalse(outcomes.shown(org, "south", cell), cell);
        }
        assertEquals(30, outcomes.overall().funnel().referred());
        assertEquals(3, outcomes.strata().get(org).get("east").funnel().referred());
    }

    @Test
    void aStratifierWithOneStratumRepeatsTheWhole() {
        List<Participant> cohort = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            cohort.add(participant("p" + i).in(Stratifier.AGE_BAND, "25-34").build());
        }
        ProgramOutcomes outcomes = ProgramOutcomes.of(cohort, EnumSet.of(Stratifier.AGE_BAND), ReportSettings.DEFAULTS);
        assertTrue(outcomes.shown(Stratifier.AGE_BAND, "25-34", Cells.REFERRED));
        assertTrue(outcomes.shown(null, null, Cells.REFERRED));
    }
}
