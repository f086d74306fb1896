package org.peerbridge.bench.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.ValidationResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.peerbridge.mapping.outcome.OutcomeIntake;
import org.peerbridge.mapping.outcome.QuestionnaireCatalogue;

/** What the questionnaire-response scenario sends is what it claims, valid R4, and passes the server's outcome rules. */
class QuestionnaireResponseScenarioTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final QuestionnaireCatalogue CATALOGUE = QuestionnaireCatalogue.load(FHIR);

    private final QuestionnaireResponseScenario scenario = new QuestionnaireResponseScenario("run42");

    @Test
    void setUpCreatesTheReferralsThenAcceptsTheirTasks() {
        List<List<BenchRequest>> phases = scenario.setUp();
        assertEquals(2, phases.size());
        assertEquals(QuestionnaireResponseScenario.REFERRALS, phases.get(0).size());
        assertEquals(QuestionnaireResponseScenario.REFERRALS, phases.get(1).size());

        BenchRequest referral = phases.get(0).get(7);
        assertEquals("POST", referral.method());
        assertEquals("", referral.path());
        Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, referral.bodyText());
        assertEquals(List.of("Patient/run42-p7", "Practitioner/run42-d7", "ServiceRequest/run42-r7", "Task/run42-t7"),
                bundle.getEntry().stream().map(e -> e.getRequest().getUrl()).toList());
        assertTrue(bundle.getEntry().stream().allMatch(e -> e.getRequest().getMethod() == HTTPVerb.PUT));
        ServiceRequest request = (ServiceRequest) bundle.getEntry().get(2).getResource();
        assertEquals("OUT-run42-7", request.getIdentifierFirstRep().getValue());
        assertEquals(Task.TaskStatus.REQUESTED, ((Task) bundle.getEntry().get(3).getResource()).getStatus());

        BenchRequest accept = phases.get(1).get(7);
        assertEquals("PUT", accept.method());
        assertEquals("Task/run42-t7", accept.path());
        Task task = FHIR.newJsonParser().parseResource(Task.class, accept.bodyText());
        assertEquals(Task.TaskStatus.ACCEPTED, task.getStatus());
        assertEquals("ServiceRequest/run42-r7", task.getFocus().getReference());
    }

    @Test
    void responsesGoToTheReferralsInTurnAlternatingPhq9AndGad7MonthByMonth() {
        int referrals = QuestionnaireResponseScenario.REFERRALS;
        QuestionnaireResponse first = response(3);
        assertEquals("ServiceRequest/run42-r3", first.getBasedOnFirstRep().getReference());
        assertEquals("Patient/run42-p3", first.getSubject().getReference());
        assertEquals("http://peerbridge.org/fhir/Questionnaire/phq-9", first.getQuestionnaire());
        assertEquals("2026-01-05T10:00:00Z", first.getAuthoredElement().getValueAsString());
        assertEquals("http://peerbridge.org/fhir/Questionnaire/gad-7", response(referrals + 3).getQuestionnaire());
        QuestionnaireResponse secondPhq9 = response(2 * referrals + 3);
        assertEquals("http://peerbridge.org/fhir/Questionnaire/phq-9", secondPhq9.getQuestionnaire());
        assertEquals("2026-02-04T10:00:00Z", secondPhq9.getAuthoredElement().getValueAsString());
        assertEquals("POST", scenario.next(3).method());
        assertEquals("QuestionnaireResponse", scenario.next(3).path());
    }

    @Test
    void responsesPassTheServersOutcomeRulesAndOnePhq9InTwentyRaisesAnAlert() {
        int alerts = 0;
        int phq9s = 0;
        for (long sequence = 0; sequence < 20L * 2 * QuestionnaireResponseScenario.REFERRALS; sequence += 7) {
            OutcomeIntake.Evaluation evaluation = OutcomeIntake.evaluate(CATALOGUE, response(sequence));
            assertTrue(evaluation.accepted(), () -> evaluation.violations().toString());
            if (evaluation.scheme().orElseThrow().instrument().label().equals("PHQ-9")) {
                phq9s++;
                alerts += evaluation.safetySignal().isPresent() ? 1 : 0;
            }
        }
        assertEquals(phq9s / QuestionnaireResponseScenario.PHQ9_PER_SAFETY_ALERT, alerts, 1.0);
    }

    @Test
    void everyRequestIsValidR4() {
        ValidationSupportChain support = new ValidationSupportChain(new DefaultProfileValidationSupport(FHIR),
                new InMemoryTerminologyServerValidationSupport(FHIR), new CommonCodeSystemsTerminologyService(FHIR));
        FhirValidator validator = FHIR.newValidator();
        validator.registerValidatorModule(new FhirInstanceValidator(support));
        List<BenchRequest> requests = List.of(scenario.setUp().get(0).get(0), scenario.setUp().get(1).get(0), scenario.next(0),
                scenario.next(QuestionnaireResponseScenario.REFERRALS));
        for (BenchRequest request : requests) {
            ValidationResult result = validator.validateWithResult(request.bodyText());
            String errors = result.getMessages().stream()
                    .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                    .map(m -> m.getLocationString() + ": " + m.getMessage()).collect(Collectors.joining("\n"));
            assertTrue(errors.isEmpty(), request.path() + "\n" + errors);
        }
    }

    @Test
    void onlyTheStoredResponseCountsAsSuccess() {
        assertNull(scenario.checkSuccess(201, "{\"resourceType\":\"QuestionnaireResponse\",\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("2xx-not-a-questionnaire-response", scenario.checkSuccess(201, new byte[0]));
    }

    private QuestionnaireResponse response(long sequence) {
        return FHIR.newJsonParser().parseResource(QuestionnaireResponse.class, scenario.next(sequence).bodyText());
    }
}
