package org.peerbridge.server.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;
import org.peerbridge.server.rest.errors.Outcomes;

/**
 * The one validator of the process: base R4 structure and terminology rules, plus the project's own
 * profiles for the resource types that have one (a ServiceRequest is always checked as a peer support
 * referral, whether or not it names the profile).
 */
public final class ResourceValidator {

    private final FhirValidator validator;
    private final Map<String, String> profileByType;

    public ResourceValidator(FhirContext fhirContext, List<IBaseResource> conformanceResources, Map<String, String> profileByType) {
        PrePopulatedValidationSupport projectProfiles = new PrePopulatedValidationSupport(fhirContext);
        conformanceResources.forEach(projectProfiles::addResource);
        ValidationSupportChain chain = new ValidationSupportChain(
                new DefaultProfileValidationSupport(fhirContext),
                projectProfiles,
                new SnapshotGeneratingValidationSupport(fhirContext),
                new InMemoryTerminologyServerValidationSupport(fhirContext),
                new CommonCodeSystemsTerminologyService(fhirContext));
        FhirInstanceValidator instanceValidator = new FhirInstanceValidator(chain);
        instanceValidator.setAnyExtensionsAllowed(true);
        this.validator = fhirContext.newValidator().setValidateAgainstStandardSchema(false).setValidateAgainstStandardSchematron(false);
        this.validator.registerValidatorModule(instanceValidator);
        this.profileByType = Map.copyOf(profileByType);
    }

    /**
     * The first validation loads the core definitions and builds the profile snapshot (about a second);
     * doing it on a background thread keeps start-up fast and spares the first client the wait.
     */
    public void warmUpInBackground() {
        Thread warmUp = new Thread(() -> {
            org.hl7.fhir.r4.model.ServiceRequest sample = new org.hl7.fhir.r4.model.ServiceRequest();
            sample.setStatus(org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus.ACTIVE);
            validate(sample);
        }, "validator-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    /** The problems of error severity or worse, each located by its FHIRPath expression. */
    public List<SingleValidationMessage> errors(Resource resource) {
        List<SingleValidationMessage> errors = new ArrayList<>();
        for (SingleValidationMessage message : validate(resource).getMessages()) {
            if (message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal()) {
                errors.add(message);
            }
        }
        return errors;
    }

    /** The full result as an OperationOutcome, for $validate: every issue, with an "all OK" when there is none. */
    public OperationOutcome validationOutcome(Resource resource) {
        OperationOutcome outcome = new OperationOutcome();
        for (SingleValidationMessage message : validate(resource).getMessages()) {
            addIssue(outcome, message, null);
        }
        if (!outcome.hasIssue()) {
            Outcomes.addIssue(outcome, IssueSeverity.INFORMATION, IssueType.INFORMATIONAL, null, "No issues detected");
        }
        return outcome;
    }

    /** Adds one issue per validation error to {@code outcome}, relocated under {@code expressionPrefix}. */
    public static void addErrors(OperationOutcome outcome, List<SingleValidationMessage> errors, String expressionPrefix) {
        errors.forEach(error -> addIssue(outcome, error, expressionPrefix));
    }

    private ValidationResult validate(Resource resource) {
        ValidationOptions options = new ValidationOptions();
        String profile = profileByType.get(resource.fhirType());
        if (profile != null) {
            options.addProfile(profile);
        }
        return validator.validateWithResult(resource, options);
    }

    private static void addIssue(OperationOutcome outcome, SingleValidationMessage message, String expressionPrefix) {
        IssueSeverity severity = switch (message.getSeverity()) {
            case FATAL -> IssueSeverity.FATAL;
            case ERROR -> IssueSeverity.ERROR;
            case WARNING -> IssueSeverity.WARNING;
            case INFORMATION -> IssueSeverity.INFORMATION;
        };
        Outcomes.addIssue(outcome, severity, issueType(message), Outcomes.relocate(message.getLocationString(), expressionPrefix),
                message.getMessage());
    }

    /** The validator reports message ids, not issue types; these families map onto the FHIR codes. */
    private static IssueType issueType(SingleValidationMessage message) {
        String id = message.getMessageId() == null ? "" : message.getMessageId();
        if (id.contains("_Minimum")) {
            return IssueType.REQUIRED;
        }
        if (id.startsWith("Terminology")) {
            return IssueType.CODEINVALID;
        }
        if (id.startsWith("Reference") || id.startsWith("Type_Specific") || id.contains("_Type")) {
            return IssueType.INVALID;
        }
        return IssueType.STRUCTURE;
    }
}
