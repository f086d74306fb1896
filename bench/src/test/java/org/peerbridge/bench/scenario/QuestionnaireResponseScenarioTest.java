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
import java.util.ArrayList;
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
import org.peerbridge.mapping.outcome.QuestionnaireCatalogue;
import org.peerbridge.mapping.outcome.ResponseEvaluation;

/** What the questionnaire-response scenario sends is what it claims, valid R4, and passes the server's outcome rules. */
class QuestionnaireResponseScenarioTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final QuestionnaireCatalogue CATALOGUE = QuestionnaireCatalogue.load(FHIR);

    private final QuestionnaireResponseScenario scenario = new QuestionnaireResponseScenario("run42");

    @Test
    void prepareCreatesThePeerSupporterAndTheAcceptedReferrals() throws Exception {
        List<BenchRequest> sent = prepared();
        assertEquals(1 + QuestionnaireResponseScenario.REFERRALS, sent.size());
        Bundle staff = FHIR.newJsonParser().parseResource(Bundle.class, sent.get(0).bodyText());
        assertEquals(List.of("Practitioner/bench-run42-peer", "PractitionerRole/bench-run42-peer-role", "Practitioner/bench-run42-referrer"),
                staff.getEntry().stream().map(e -> e.getRequest().getUrl()).toList());

        BenchRequest referral = sent.get(8);
        assertEquals("POST", referral.method());
        assertEquals("", referral.path());
        Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, referral.bodyText());
        assertEquals(List.of("Patient/bench-run42-p7", "ServiceRequest/bench-run42-sr7", "Task/bench-run42-task7"),
                bundle.getEntry().stream().map(e -> e.getRequest().getUrl()).toList());
        assertTrue(bundle.getEntry().stream().allMatch(e -> e.getRequest().getMethod() == HTTPVerb.PUT));
        ServiceRequest request = (ServiceRequest) bundle.getEntry().get(1).getResource();
        assertEquals("Practitioner/bench-run42-referrer", request.getRequester().getReference());
        assertEquals(Task.TaskStatus.ACCEPTED, ((Task) bundle.getEntry().get(2).getResource()).getStatus());
    }

    @Test
    void responsesGoToTheReferralsInTurnAlternatingPhq9AndGad7MonthByMonth() {
        int referrals = QuestionnaireResponseScenario.REFERRALS;
        QuestionnaireResponse first = response(3);
        assertEquals("ServiceRequest/bench-run42-sr3", first.getBasedOnFirstRep().getReference());
        assertEquals("Patient/bench-run42-p3", first.getSubject().getReference());
        assertEquals("PractitionerRole/bench-run42-peer-role", first.getAuthor().getReference());
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
            ResponseEvaluation.Evaluation evaluation = ResponseEvaluation.evaluate(CATALOGUE, response(sequence));
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
        List<BenchRequest> requests = List.of(scenario.next(0), scenario.next(QuestionnaireResponseScenario.REFERRALS));
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

    private List<BenchRequest> prepared() throws Exception {
        List<BenchRequest> sent = new ArrayList<>();
        scenario.prepare(sent::add);
        return sent;
    }

    private QuestionnaireResponse response(long sequence) {
        return FHIR.newJsonParser().parseResource(QuestionnaireResponse.class, scenario.next(sequence).bodyText());
    }
}
