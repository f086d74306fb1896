package org.peerbridge.mapping.examples;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;

/** HAPI's R4 instance validator with the base definitions only: what "valid R4" means for the examples. */
public final class R4Validation {

    private static final FhirContext CTX = FhirContext.forR4Cached();
    private static FhirValidator validator;

    private R4Validation() {
    }

    /** The error and fatal messages for a resource (warnings, e.g. unknown PeerBridge code systems, are not errors). */
    public static synchronized List<SingleValidationMessage> errors(IBaseResource resource) {
        if (validator == null) {
            ValidationSupportChain chain = new ValidationSupportChain(
                    new DefaultProfileValidationSupport(CTX),
                    new SnapshotGeneratingValidationSupport(CTX),
                    new InMemoryTerminologyServerValidationSupport(CTX),
                    new CommonCodeSystemsTerminologyService(CTX));
            validator = CTX.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));
        }
        return validator.validateWithResult(resource).getMessages().stream()
                .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal()).toList();
    }
}
