package org.peerbridge.server.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.hl7.fhir.utilities.json.model.JsonObject;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.peerbridge.server.validation.acceptance.FastAcceptance;

/** How the validator's fast path learns, whom for, and what it leaves to the HL7 validator. */
class FastAcceptanceTest {

    private static final String PATIENT = """
            {"resourceType":"Patient",
             "identifier":[{"use":"official","type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v2-0203","code":"SS"}]},
                            "system":"urn:oid:2.16.840.1.113883.4.1","value":"%s"}],
             "name":[{"family":"%s","given":["Ann"]}], "gender":"female", "birthDate":"%s"}""";

    private static final AtomicReference<String> SENDER = new AtomicReference<>();
    private static FhirContext fhir;
    private static ResourceValidator validator;

    @BeforeAll
    static void loadValidator() {
        fhir = FhirContext.forR4();
        validator = ProjectValidators.forSender(fhir, SENDER::get);
    }

    @Test
    void codedValuesAreLearnedFromWhatTheValidatorAcceptedForTheOrganizationThatSentThem() {
        String first = PATIENT.formatted("111-22-3333", "Doe", "1980-04-02");
        String second = PATIENT.formatted("444-55-6666", "Roe", "1991-12-30");
        assertTrue(judge(first, "Organization/a").declined().startsWith("unknown coded values"), "nothing is known at first");

        assertEquals(List.of(), errors(first, "Organization/a"));

        assertNull(judge(second, "Organization/a").declined(), "the same codes, other names, identifier and birth date");
        assertFalse(judge(second, "Organization/b").accepted(), "what one organization sent teaches nothing for another");
    }

    @Test
    void aResourceTheFastPathDeclinesGetsTheValidatorsOwnErrors() {
        errors(PATIENT.formatted("111-22-3333", "Doe", "1980-04-02"), "Organization/c");
        String phoneWithoutSystem = PATIENT.formatted("777-88-9999", "Poe", "1970-01-01")
                .replace("\"gender\"", "\"telecom\":[{\"value\":\"555-0100\"}], \"gender\"");

        assertEquals("cpt-2: not true", judge(phoneWithoutSystem, "Organization/c").declined());
        List<ValidationMessage> errors = errors(phoneWithoutSystem, "Organization/c");
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("Patient.telecom[0]", errors.get(0).getLocation());
        assertTrue(errors.get(0).getMessage().contains("cpt-2"), errors.get(0).getMessage());
    }

    @Test
    void whatOnlyTheValidatorChecksIsLeftToIt() {
        assertEquals("Patient.extension: left to the validator",
                judge("{\"resourceType\":\"Patient\",\"extension\":[{\"url\":\"http://example.org/x\",\"valueString\":\"x\"}]}", "o").declined());
        assertEquals("Patient.text: left to the validator", judge("{\"resourceType\":\"Patient\",\"text\":{\"status\":\"generated\","
                + "\"div\":\"<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\">x</div>\"}}", "o").declined());
        assertEquals("Patient.name[0].id: left to the validator", judge("{\"resourceType\":\"Patient\",\"name\":[{\"id\":\"n\",\"family\":\"x\"}]}", "o").declined());
        assertEquals("a type the fast path does not judge", judge("{\"resourceType\":\"Observation\",\"status\":\"final\","
                + "\"code\":{\"text\":\"x\"}}", "o").declined());
    }

    private static FastAcceptance.Verdict judge(String json, String sender) {
        JsonObject object = RequestJson.parse(json.getBytes(StandardCharsets.UTF_8));
        return validator.fastAcceptance().judge(FixtureResources.parse(fhir, object), object, sender);
    }

    private static List<ValidationMessage> errors(String json, String sender) {
        SENDER.set(sender);
        JsonObject object = RequestJson.parse(json.getBytes(StandardCharsets.UTF_8));
        return validator.errors(FixtureResources.parse(fhir, object), object);
    }
}
