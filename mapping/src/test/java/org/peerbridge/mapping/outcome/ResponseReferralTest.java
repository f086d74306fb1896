package org.peerbridge.mapping.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerbridge.mapping.outcome.OutcomeFixtures.response;

import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.peerbridge.mapping.rules.RuleViolation;

class ResponseReferralTest {

    private static final String BASED_ON = "QuestionnaireResponse.basedOn[0]";
    private static final ServiceRequest REFERRAL = new ServiceRequest().setSubject(new Reference("Patient/p1"));

    @ParameterizedTest
    @EnumSource(value = TaskStatus.class, names = {"ACCEPTED", "INPROGRESS", "ONHOLD", "COMPLETED"})
    void responsesAreRecordedOnceTheProgramHasAcceptedTheReferral(TaskStatus status) {
        assertEquals(List.of(), check(phq2(), task(status)));
    }

    @ParameterizedTest
    @EnumSource(value = TaskStatus.class, names = {"REQUESTED", "REJECTED", "CANCELLED", "FAILED", "ENTEREDINERROR", "DRAFT"})
    void aReferralTheProgramHasNotAcceptedTakesNoResponses(TaskStatus status) {
        RuleViolation refused = only(check(phq2(), task(status)));
        assertEquals(BASED_ON, refused.expression());
        assertEquals(IssueType.BUSINESSRULE, refused.code());
        assertTrue(refused.message().contains("'" + status.toCode() + "'"), refused.message());
    }

    @Test
    void aRequestedReferralSaysToAcceptItFirst() {
        assertEquals("The referral's Task is 'requested'; outcomes are recorded while it is 'accepted', 'in-progress', 'on-hold' or"
                + " 'completed' (accept the referral first)", only(check(phq2(), task(TaskStatus.REQUESTED))).message());
    }

    @Test
    void aReferralWithoutItsTaskTakesNoResponses() {
        assertTrue(only(check(phq2(), null)).message().contains("no fulfilment Task"));
    }

    @Test
    void theResponseIsAboutTheReferralsPatient() {
        QuestionnaireResponse someoneElse = phq2().setSubject(new Reference("Patient/p2"));
        RuleViolation refused = only(check(someoneElse, task(TaskStatus.ACCEPTED)));
        assertEquals("QuestionnaireResponse.subject", refused.expression());
        assertTrue(refused.message().endsWith("Patient/p1"), refused.message());
    }

    private static List<RuleViolation> check(QuestionnaireResponse response, Task task) {
        return ResponseReferral.check(response, BASED_ON, REFERRAL, task);
    }

    private static QuestionnaireResponse phq2() {
        return response(Instrument.PHQ_2, 1, 1);
    }

    private static Task task(TaskStatus status) {
        return new Task().setStatus(status);
    }

    private static RuleViolation only(List<RuleViolation> violations) {
        assertEquals(1, violations.size(), violations::toString);
        return violations.get(0);
    }
}
