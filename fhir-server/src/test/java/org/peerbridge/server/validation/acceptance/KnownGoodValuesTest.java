package org.peerbridge.server.validation.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class KnownGoodValuesTest {

    private static final String GENDER = "http://hl7.org/fhir/StructureDefinition/Patient#Patient.gender";

    @Test
    void aValueIsKnownOnlyToTheOrganizationThatSentItAndOnlyAtItsElement() {
        KnownGoodValues known = new KnownGoodValues(10);
        known.learn(List.of(KnownGoodValues.key("Organization/a", GENDER, "female")));

        assertTrue(known.contains(KnownGoodValues.key("Organization/a", GENDER, "female")));
        assertFalse(known.contains(KnownGoodValues.key("Organization/b", GENDER, "female")), "another sender");
        assertFalse(known.contains(KnownGoodValues.key("Organization/a", GENDER + "x", "female")), "another element");
        assertFalse(known.contains(KnownGoodValues.key("Organization/a", GENDER, "male")), "another value");
    }

    @Test
    void learningStopsAtTheCapacity() {
        KnownGoodValues known = new KnownGoodValues(2);
        known.learn(List.of("a", "b", "c"));
        known.learn(List.of("d"));

        assertEquals(2, known.size());
        assertTrue(known.contains("a") && known.contains("b"));
        assertFalse(known.contains("c") || known.contains("d"));
    }
}
