package org.peerbridge.server.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.utilities.json.model.JsonObject;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Writes validate without the invariants that can only warn ({@link WarningSkippingInstanceValidator});
 * $validate evaluates them all. Leaving them out must not change a single error.
 */
class ResourceValidatorTest {

    private static final String DOM_6 = "http://hl7.org/fhir/StructureDefinition/DomainResource#dom-6";

    private static FhirContext fhir;
    private static ResourceValidator validator;

    @BeforeAll
    static void loadValidator() {
        fhir = FhirContext.forR4();
        validator = ProjectValidators.forSender(fhir, () -> "test");
    }

    @Test
    void writesLeaveOutTheBestPracticeInvariantThatValidateReports() {
        String patient = "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Doe\"}]}";
        assertTrue(messageIds(validate(patient, false)).contains(DOM_6), "$validate reports a resource without narrative");
        assertFalse(messageIds(validate(patient, true)).contains(DOM_6), "a write does not evaluate dom-6");
    }

    @Test
    void writesStillEvaluateInvariantsOfErrorSeverity() {
        // pat-1: a contact needs a name, telecom, address or organization
        String patient = "{\"resourceType\":\"Patient\",\"contact\":[{\"gender\":\"male\"}]}";
        List<ValidationMessage> errors = errorsOf(validate(patient, true));
        assertTrue(messageIds(errors).stream().anyMatch(id -> id.endsWith("#pat-1")), errors.toString());
        assertEquals(describe(errorsOf(validate(patient, false))), describe(errors));
    }

    /** Every resource of every fixture, valid and invalid, gets the same errors both ways. */
    @Test
    void everyFixtureGetsTheSameErrorsWithAndWithoutWarningInvariants() throws IOException {
        int checked = FixtureResources.checkEach(fhir, (parsed, json, what) -> {
            List<ValidationMessage> all = validator.validate(parsed, json.get(), false);
            List<ValidationMessage> errorsOnly = validator.validate(parsed, json.get(), true);
            assertEquals(describe(errorsOf(all)), describe(errorsOf(errorsOnly)), what);
            assertTrue(describe(all).containsAll(describe(errorsOnly)), what);
        });
        assertTrue(checked > 50, "only " + checked + " fixture resources found");
    }

    private static List<ValidationMessage> validate(String json, boolean errorsOnly) {
        JsonObject object = RequestJson.parse(json.getBytes(StandardCharsets.UTF_8));
        return validator.validate(parse(object), object, errorsOnly);
    }

    private static Resource parse(JsonObject json) {
        return FixtureResources.parse(fhir, json);
    }

    private static List<ValidationMessage> errorsOf(List<ValidationMessage> messages) {
        return messages.stream().filter(message -> message.getLevel().isError()).toList();
    }

    private static List<String> messageIds(List<ValidationMessage> messages) {
        return messages.stream().map(ValidationMessage::getMessageId).toList();
    }

    private static List<String> describe(List<ValidationMessage> messages) {
        return FixtureResources.describe(messages);
    }
}
