package org.peerbridge.mapping.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerbridge.mapping.outcome.OutcomeFixtures.response;

import java.util.List;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.junit.jupiter.api.Test;
import org.peerbridge.mapping.rules.RuleViolation;

class ResponseWithdrawalTest {

    private static final QuestionnaireResponse STORED = response(Instrument.GAD_7, 1, 1, 1, 1, 1, 1, 1);

    @Test
    void theStoredResponseWithOnlyItsStatusChangedIsAWithdrawal() {
        QuestionnaireResponse withdrawn = STORED.copy().setStatus(QuestionnaireResponseStatus.ENTEREDINERROR);
        withdrawn.getMeta().setVersionId("1");
        assertTrue(ResponseWithdrawal.isWithdrawal(withdrawn));
        assertEquals(List.of(), ResponseWithdrawal.check(STORED, withdrawn));
    }

    @Test
    void aWithdrawalThatAlsoChangesAnswersIsRefused() {
        QuestionnaireResponse changed = response(Instrument.GAD_7, 1, 1, 1, 1, 1, 1, 2).setStatus(QuestionnaireResponseStatus.ENTEREDINERROR);
        RuleViolation refused = ResponseWithdrawal.check(STORED, changed).get(0);
        assertEquals(RuleViolation.Kind.INVALID, refused.kind());
        assertEquals("QuestionnaireResponse", refused.expression());
        assertTrue(refused.message().contains("amend it"), refused.message());
    }

    @Test
    void aWithdrawnResponseStaysWithdrawn() {
        QuestionnaireResponse withdrawn = STORED.copy().setStatus(QuestionnaireResponseStatus.ENTEREDINERROR);
        QuestionnaireResponse amended = STORED.copy().setStatus(QuestionnaireResponseStatus.AMENDED);
        RuleViolation refused = ResponseWithdrawal.check(withdrawn, amended).get(0);
        assertEquals(RuleViolation.Kind.CONFLICT, refused.kind());
        assertEquals("QuestionnaireResponse.status", refused.expression());
    }
}
