package org.peerbridge.mapping.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.IValidationContext;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;
import ca.uhn.fhir.validation.ValidationResult;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirDefaultPolicyAdvisor;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r5.elementmodel.Element;
import org.hl7.fhir.r5.elementmodel.Manager;
import org.hl7.fhir.r5.model.CanonicalResource;
import org.hl7.fhir.r5.model.CanonicalType;
import org.hl7.fhir.r5.utils.validation.IResourceValidator;
import org.hl7.fhir.r5.utils.validation.IValidationPolicyAdvisor.ReferenceDestinationType;
import org.hl7.fhir.r5.utils.validation.IValidatorResourceFetcher;
import org.hl7.fhir.r5.utils.validation.constants.ReferenceValidationPolicy;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.utilities.validation.ValidationMessage.IssueSeverity;
import org.hl7.fhir.utilities.validation.ValidationMessage.IssueType;
import org.hl7.fhir.validation.instance.InstanceValidator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the published profile with HAPI's instance validator, built from the same chain the server
 * uses, and pins what the validator answers for each violation (severity, issue type, location and
 * message id), since the server's OperationOutcomes are made from these.
 */
class ReferralProfileValidationTest {

    private static final FhirContext CTX = FhirContext.forR4Cached();
    private static final ValidationOptions AS_REFERRAL = new ValidationOptions().addProfile(ReferralProfile.PROFILE_URL);

    /** The chain as the server builds it: HAPI's default reference policy (references are not resolved). */
    private static RecordingValidator plain;
    /** The same chain, plus a reference policy that checks the resource type a literal reference names. */
    private static RecordingValidator typeChecking;

    @BeforeAll
    static void buildValidators() {
        PrePopulatedValidationSupport projectProfiles = new PrePopulatedValidationSupport(CTX);
        ReferralProfile.conformanceResources(CTX).forEach(projectProfiles::addResource);
        ValidationSupportChain chain = new ValidationSupportChain(
                new DefaultProfileValidationSupport(CTX),
                projectProfiles,
                new SnapshotGeneratingValidationSupport(CTX),
                new InMemoryTerminologyServerValidationSupport(CTX),
                new CommonCodeSystemsTerminologyService(CTX));
        plain = new RecordingValidator(chain, false);
        typeChecking = new RecordingValidator(chain, true);
    }

    @Test
    void completeReferralHasNoErrors() {
        List<ValidationMessage> messages = plain.validate(referral());

        assertTrue(errors(messages).isEmpty(), () -> "unexpected errors: " + messages);
        // SNOMED CT is not loaded, yet the code is checked against the enumerated value set without an
        // unknown-code-system warning; the only message is the best-practice narrative advice (dom-6).
        assertTrue(messages.stream().allMatch(m -> m.getMessageId().endsWith("#dom-6")), () -> "unexpected: " + messages);
    }

    @Test
    void minimalIntegratorExampleIsValid() throws Exception {
        ServiceRequest example;
        try (InputStream in = getClass().getResourceAsStream("/examples/peer-support-referral-minimal.json")) {
            example = CTX.newJsonParser().parseResource(ServiceRequest.class, in);
        }

        ValidationResult result = plain.hapi.validateWithResult(example, AS_REFERRAL);

        assertTrue(result.getMessages().stream().noneMatch(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal()),
                () -> "unexpected errors: " + result.getMessages());
    }

    static Stream<Arguments> missingRequiredElements() {
        return Stream.of(
                Arguments.of("subject", (Consumer<ServiceRequest>) sr -> sr.setSubject(null)),
                Arguments.of("requester", (Consumer<ServiceRequest>) sr -> sr.setRequester(null)),
                Arguments.of("code", (Consumer<ServiceRequest>) sr -> sr.setCode(null)),
                Arguments.of("authoredOn", (Consumer<ServiceRequest>) sr -> sr.setAuthoredOnElement(null)),
                Arguments.of("identifier", (Consumer<ServiceRequest>) sr -> sr.getIdentifier().clear()));
    }

    /** A missing element is reported at its parent; the message, not the location, names the element. */
    @ParameterizedTest(name = "missing {0}")
    @MethodSource("missingRequiredElements")
    void missingRequiredElementIsAnError(String element, Consumer<ServiceRequest> removal) {
        ServiceRequest referral = referral();
        removal.accept(referral);

        ValidationMessage error = onlyError(plain.validate(referral));

        assertEquals(IssueType.STRUCTURE, error.getType());
        assertEquals("ServiceRequest", error.getLocation());
        assertEquals("Validation_VAL_Profile_Minimum", error.getMessageId());
        assertTrue(error.getMessage().startsWith("ServiceRequest." + element + ": minimum required = 1, but only found 0"),
                error.getMessage());
        assertTrue(error.getMessage().contains(ReferralProfile.PROFILE_URL), "names the profile");
        SingleValidationMessage hapi = onlyHapiError(referral);
        assertEquals("ServiceRequest", hapi.getLocationString());
        assertEquals("Validation_VAL_Profile_Minimum", hapi.getMessageId());
    }

    @Test
    void snomedCodeOutsideTheValueSetIsAnError() {
        ServiceRequest referral = referral();
        referral.setCode(new CodeableConcept(new Coding("http://snomed.info/sct", "3457005", "Patient referral")));

        ValidationMessage error = onlyError(plain.validate(referral));

        assertEquals(IssueType.CODEINVALID, error.getType());
        assertEquals("ServiceRequest.code", error.getLocation());
        assertEquals("Terminology_TX_NoValid_1_CC", error.getMessageId());
        assertTrue(error.getMessage().contains("http://snomed.info/sct#3457005"), error.getMessage());
    }

    @Test
    void codeWithTextOnlyIsAnError() {
        ServiceRequest referral = referral();
        referral.setCode(new CodeableConcept().setText("peer support, please"));

        ValidationMessage error = onlyError(plain.validate(referral));

        assertEquals(IssueType.CODEINVALID, error.getType());
        assertEquals("ServiceRequest.code", error.getLocation());
        assertEquals("Terminology_TX_Code_ValueSet", error.getMessageId());
    }

    /** The right code in a code system the validator does not know: two errors, both at ServiceRequest.code. */
    @Test
    void codeFromAnotherSystemIsAnError() {
        ServiceRequest referral = referral();
        referral.getCode().getCodingFirstRep().setSystem("http://loinc.org");

        List<ValidationMessage> errors = errors(plain.validate(referral));

        assertEquals(List.of("Terminology_PassThrough_TX_Message", "Terminology_TX_NoValid_1_CC"),
                errors.stream().map(ValidationMessage::getMessageId).toList());
        assertEquals(List.of(IssueType.NOTFOUND, IssueType.CODEINVALID), errors.stream().map(ValidationMessage::getType).toList());
        assertTrue(errors.stream().allMatch(e -> "ServiceRequest.code".equals(e.getLocation())));
    }

    /** Displays are not checked: the in-memory terminology service has no SNOMED CT to check them against. */
    @Test
    void displayIsNotChecked() {
        ServiceRequest referral = referral();
        referral.getCode().getCodingFirstRep().setDisplay("anything at all");

        assertTrue(errors(plain.validate(referral)).isEmpty());
    }

    /**
     * Gotcha: with HAPI's default policy (FhirDefaultPolicyAdvisor answers IGNORE for every reference)
     * and nothing to resolve references with, the type named in a literal reference is never compared
     * with the profile's target types, so a Group subject passes.
     */
    @Test
    void groupSubjectPassesUnderTheDefaultReferencePolicy() {
        ServiceRequest referral = referral();
        referral.setSubject(new Reference("Group/g1"));

        assertTrue(errors(plain.validate(referral)).isEmpty());
    }

    /** Reference.type is always checked against the target types, whatever the reference policy. */
    @Test
    void groupSubjectWithReferenceTypeIsAnErrorUnderTheDefaultPolicy() {
        ServiceRequest referral = referral();
        referral.setSubject(new Reference("Group/g1").setType("Group"));

        ValidationMessage error = onlyError(plain.validate(referral));

        assertEquals(IssueType.STRUCTURE, error.getType());
        assertEquals("ServiceRequest.subject", error.getLocation());
        assertEquals("Reference_REF_WrongTarget", error.getMessageId());
    }

    @Test
    void groupSubjectIsAnErrorWhenReferenceTypesAreChecked() {
        ServiceRequest referral = referral();
        referral.setSubject(new Reference("Group/g1"));

        List<ValidationMessage> errors = errors(typeChecking.validate(referral));

        assertEquals(List.of("Reference_REF_CantMatchType", "Reference_REF_BadTargetType"),
                errors.stream().map(ValidationMessage::getMessageId).toList());
        assertTrue(errors.stream().allMatch(e -> e.getType() == IssueType.STRUCTURE
                && "ServiceRequest.subject".equals(e.getLocation())), () -> errors.toString());
        assertTrue(errors.get(1).getMessage().contains("Found Group, but expected one of ([Patient])"), errors.get(1).getMessage());
    }

    @Test
    void patientRequesterIsAnErrorWhenReferenceTypesAreChecked() {
        ServiceRequest referral = referral();
        referral.setRequester(new Reference("Patient/p2"));

        List<ValidationMessage> errors = errors(typeChecking.validate(referral));

        assertEquals(List.of("Reference_REF_CantMatchType", "Reference_REF_BadTargetType"),
                errors.stream().map(ValidationMessage::getMessageId).toList());
        assertTrue(errors.stream().allMatch(e -> "ServiceRequest.requester".equals(e.getLocation())));
    }

    @Test
    void completeReferralStillPassesWhenReferenceTypesAreChecked() {
        assertTrue(errors(typeChecking.validate(referral())).isEmpty());
    }

    // ---------------------------------------------------------------------------------------------

    static ServiceRequest referral() {
        ServiceRequest referral = new ServiceRequest();
        referral.addIdentifier().setSystem("https://ehr.example.org/fhir/referral-id").setValue("REF-2025-000123");
        referral.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE);
        referral.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        referral.setCode(new CodeableConcept(new Coding("http://snomed.info/sct", "461481000124109",
                "Referral to peer support (procedure)")));
        referral.setSubject(new Reference("Patient/p1"));
        referral.setRequester(new Reference("PractitionerRole/pr1"));
        referral.setAuthoredOnElement(new org.hl7.fhir.r4.model.DateTimeType("2025-03-01T09:30:00Z"));
        return referral;
    }

    private static List<ValidationMessage> errors(List<ValidationMessage> messages) {
        return messages.stream()
                .filter(m -> m.getLevel() == IssueSeverity.ERROR || m.getLevel() == IssueSeverity.FATAL)
                .toList();
    }

    private static ValidationMessage onlyError(List<ValidationMessage> messages) {
        List<ValidationMessage> errors = errors(messages);
        assertEquals(1, errors.size(), () -> "expected one error: " + messages);
        return errors.get(0);
    }

    private static SingleValidationMessage onlyHapiError(ServiceRequest referral) {
        List<SingleValidationMessage> errors = plain.hapi.validateWithResult(referral, AS_REFERRAL).getMessages().stream()
                .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                .toList();
        assertEquals(1, errors.size(), () -> errors.toString());
        return errors.get(0);
    }

    /**
     * A FhirValidator whose instance validator keeps the validator core's own messages: HAPI's
     * SingleValidationMessage drops the issue type, and these tests pin it.
     */
    private static final class RecordingValidator {
        final FhirValidator hapi;
        private List<ValidationMessage> last = List.of();

        RecordingValidator(IValidationSupport chain, boolean checkReferenceTypes) {
            FhirInstanceValidator module = new FhirInstanceValidator(chain) {
                @Override
                protected List<ValidationMessage> validate(IValidationContext<?> context) {
                    List<ValidationMessage> messages = super.validate(context);
                    last = List.copyOf(messages);
                    return messages;
                }
            };
            if (checkReferenceTypes) {
                module.setValidatorPolicyAdvisor(new CheckTypeIfResolvedAdvisor());
                module.setValidatorResourceFetcher(new TypeFromUrlFetcher());
            }
            hapi = CTX.newValidator().setValidateAgainstStandardSchema(false).setValidateAgainstStandardSchematron(false);
            hapi.registerValidatorModule(module);
        }

        List<ValidationMessage> validate(ServiceRequest referral) {
            hapi.validateWithResult(referral, AS_REFERRAL);
            return last;
        }
    }

    /** HAPI's default advice, except that references are checked for type (when they resolve). */
    private static final class CheckTypeIfResolvedAdvisor extends FhirDefaultPolicyAdvisor {
        @Override
        public ReferenceValidationPolicy policyForReference(IResourceValidator validator, Object appContext, String path,
                String url, ReferenceDestinationType destinationType) {
            return ReferenceValidationPolicy.CHECK_TYPE_IF_EXISTS;
        }
    }

    /**
     * Resolves a literal reference "[base/]Type/id" to an empty resource of that type, so that the
     * validator compares the type with the profile's target types without anything being looked up.
     * Anything else does not resolve (and under CHECK_TYPE_IF_EXISTS that is not an error).
     */
    private static final class TypeFromUrlFetcher implements IValidatorResourceFetcher {
        @Override
        public Element fetch(IResourceValidator validator, Object appContext, String url) {
            String[] parts = url.split("/");
            if (parts.length < 2 || !parts[parts.length - 2].matches("[A-Z][A-Za-z]+")) {
                return null;
            }
            String json = "{\"resourceType\":\"" + parts[parts.length - 2] + "\"}";
            try {
                return Manager.parseSingle(((InstanceValidator) validator).getContext(),
                        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), Manager.FhirFormat.JSON);
            } catch (Exception unknownType) {
                return null;
            }
        }

        @Override
        public boolean resolveURL(IResourceValidator validator, Object appContext, String path, String url, String type,
                boolean canonical, List<CanonicalType> targets) {
            return true;
        }

        @Override
        public byte[] fetchRaw(IResourceValidator validator, String url) {
            return null;
        }

        @Override
        public IValidatorResourceFetcher setLocale(Locale locale) {
            return this;
        }

        @Override
        public CanonicalResource fetchCanonicalResource(IResourceValidator validator, Object appContext, String url) {
            return null;
        }

        @Override
        public boolean fetchesCanonicalResource(IResourceValidator validator, String url) {
            return false;
        }

        @Override
        public Set<ResourceVersionInformation> fetchCanonicalResourceVersions(IResourceValidator validator, Object appContext,
                String url) {
            return Set.of();
        }
    }
}
