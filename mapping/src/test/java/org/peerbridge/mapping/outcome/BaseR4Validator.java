package org.peerbridge.mapping.outcome;

import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * HAPI's instance validator with base R4 definitions only, plus PeerBridge's outcome Questionnaires and
 * code systems (so that responses can be checked against their Questionnaire and band codes are known).
 * Built once: building the chain is slow.
 */
final class BaseR4Validator {

    private static FhirValidator validator;

    private BaseR4Validator() {
    }

    static synchronized FhirValidator get() {
        if (validator == null) {
            PrePopulatedValidationSupport outcomes = new PrePopulatedValidationSupport(OutcomeFixtures.CTX);
            OutcomeFixtures.CATALOGUE.all().forEach(outcomes::addResource);
            outcomes.addCodeSystem(OutcomeCodeSystems.scoreBands());
            outcomes.addCodeSystem(OutcomeCodeSystems.timePoints());
            outcomes.addCodeSystem(OutcomeCodeSystems.answers(OutcomeFixtures.CATALOGUE.all()));
            ValidationSupportChain chain = new ValidationSupportChain(
                    new DefaultProfileValidationSupport(OutcomeFixtures.CTX),
                    outcomes,
                    new SnapshotGeneratingValidationSupport(OutcomeFixtures.CTX),
                    new InMemoryTerminologyServerValidationSupport(OutcomeFixtures.CTX),
                    new CommonCodeSystemsTerminologyService(OutcomeFixtures.CTX));
            validator = OutcomeFixtures.CTX.newValidator()
                    .setValidateAgainstStandardSchema(false)
                    .setValidateAgainstStandardSchematron(false);
            validator.registerValidatorModule(new FhirInstanceValidator(chain));
        }
        return validator;
    }

    /** Messages of severity error or fatal. */
    static List<SingleValidationMessage> errors(IBaseResource resource) {
        return get().validateWithResult(resource).getMessages().stream()
                .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                .toList();
    }

    static List<SingleValidationMessage> all(IBaseResource resource) {
        return get().validateWithResult(resource).getMessages();
    }
}
