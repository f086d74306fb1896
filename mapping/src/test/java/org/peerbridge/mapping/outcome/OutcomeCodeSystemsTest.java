package org.peerbridge.mapping.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.Arrays;
import java.util.List;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.junit.jupiter.api.Test;

class OutcomeCodeSystemsTest {

    @Test
    void scoreBandsHoldEveryBand() {
        CodeSystem bands = OutcomeCodeSystems.scoreBands();
        assertEquals("http://peerbridge.org/fhir/CodeSystem/score-band", bands.getUrl());
        assertEquals(Arrays.stream(ScoreBand.values()).map(ScoreBand::code).toList(), codes(bands));
        assertEquals("Moderately severe depression: raw total 15 to 19.",
                bands.getConcept().stream().filter(c -> c.getCode().equals("phq9-moderately-severe")).findFirst()
                        .orElseThrow().getDefinition());
    }

    @Test
    void timePoints() {
        CodeSystem timePoints = OutcomeCodeSystems.timePoints();
        assertEquals("http://peerbridge.org/fhir/CodeSystem/assessment-time-point", timePoints.getUrl());
        assertEquals(List.of("baseline", "day-30", "day-60", "day-90", "unscheduled"), codes(timePoints));
    }

    @Test
    void answersAreCollectedFromTheQuestionnaires() {
        CodeSystem answers = OutcomeCodeSystems.answers(OutcomeFixtures.CATALOGUE.all());
        assertEquals("http://peerbridge.org/fhir/CodeSystem/outcome-answer", answers.getUrl());
        assertEquals(List.of("ucla3-hardly-ever", "ucla3-some-of-the-time", "ucla3-often",
                "who5-all-of-the-time", "who5-most-of-the-time", "who5-more-than-half-of-the-time",
                "who5-less-than-half-of-the-time", "who5-some-of-the-time", "who5-at-no-time"), codes(answers));
    }

    @Test
    void everyCodeSystemIsValidBaseR4() {
        for (CodeSystem codeSystem : List.of(OutcomeCodeSystems.scoreBands(), OutcomeCodeSystems.timePoints(),
                OutcomeCodeSystems.answers(OutcomeFixtures.CATALOGUE.all()))) {
            List<SingleValidationMessage> errors = BaseR4Validator.errors(codeSystem);
            assertTrue(errors.isEmpty(), () -> codeSystem.getUrl() + ": " + errors);
        }
    }

    private static List<String> codes(CodeSystem codeSystem) {
        return codeSystem.getConcept().stream().map(ConceptDefinitionComponent::getCode).toList();
    }
}
