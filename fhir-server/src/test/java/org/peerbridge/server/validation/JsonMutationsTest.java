package org.peerbridge.server.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.utilities.json.model.JsonObject;
import org.hl7.fhir.utilities.json.parser.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.peerbridge.server.validation.JsonMutations.Mutant;

/** The mutants of the bench's referral Patient and ServiceRequest. */
class JsonMutationsTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");

    @ParameterizedTest
    @ValueSource(strings = {"Patient", "ServiceRequest"})
    void everyMutantParsesWithTheValidatorsSettings(String resourceType) throws IOException {
        for (Mutant mutant : JsonMutations.of(benchResource(resourceType))) {
            assertNotNull(RequestJson.parse(mutant.json().getBytes(StandardCharsets.UTF_8)), mutant.description());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Patient", "ServiceRequest"})
    void descriptionsAreUnique(String resourceType) throws IOException {
        Set<String> descriptions = new HashSet<>();
        for (Mutant mutant : JsonMutations.of(benchResource(resourceType))) {
            assertTrue(descriptions.add(mutant.description()), mutant.description());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Patient", "ServiceRequest"})
    void aResourceHasHundredsOfMutantsNotThousands(String resourceType) throws IOException {
        int count = JsonMutations.of(benchResource(resourceType)).size();
        assertTrue(count >= 100 && count <= 1500, resourceType + ": " + count);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Patient", "ServiceRequest"})
    void theSameResourceGivesTheSameMutants(String resourceType) throws IOException {
        String resource = benchResource(resourceType);
        assertEquals(JsonMutations.of(resource), JsonMutations.of(resource));
    }

    @Test
    void aMutantRemovesTheReferralsStatus() throws IOException {
        JsonObject mutant = mutant(benchResource("ServiceRequest"), "status: removed");
        assertFalse(mutant.has("status"));
        assertTrue(mutant.has("intent"), "only the status is removed");
    }

    @Test
    void aMutantEmptiesThePatientsFamilyName() throws IOException {
        JsonObject mutant = mutant(benchResource("Patient"), "name[0].family: empty string \"\"");
        assertEquals("", mutant.getJsonArray("name").get(0).asJsonObject().asString("family"));
    }

    @Test
    void aMutantRepeatsThePatientsFirstProperty() throws IOException {
        JsonObject mutant = mutant(benchResource("Patient"), "Patient: property identifier twice");
        assertEquals(2, mutant.getProperties().stream().filter(property -> property.getName().equals("identifier")).count());
    }

    @Test
    void aMutantReferencesTheWrongTypeOfSubject() throws IOException {
        JsonObject mutant = mutant(benchResource("ServiceRequest"), "subject.reference: a Group \"Group/1\"");
        assertEquals("Group/1", mutant.getJsonObject("subject").asString("reference"));
    }

    @Test
    void aPeriodEndsBeforeItStartsAndAnIntegerBecomesADecimal() {
        String encounter = "{\"resourceType\":\"Encounter\",\"period\":{\"start\":\"2024-05-01\"},\"length\":{\"value\":30}}";
        JsonObject period = mutant(encounter, "period: end before start").getJsonObject("period");
        assertTrue(period.asString("end").compareTo(period.asString("start")) < 0, period.toString());
        assertEquals("1.5", mutant(encounter, "length.value: a decimal").getJsonObject("length").getJsonNumber("value").getValue());
    }

    @Test
    void propertiesDeeperThanSixAreNotMutated() {
        String deep = "{\"resourceType\":\"Basic\",\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":\"x\"}}}}}}}";
        List<String> descriptions = JsonMutations.of(deep).stream().map(Mutant::description).toList();
        assertTrue(descriptions.contains("a.b.c.d.e.f: empty object"), descriptions.toString());
        assertTrue(descriptions.stream().noneMatch(description -> description.startsWith("a.b.c.d.e.f.g")), descriptions.toString());
    }

    private static JsonObject mutant(String resource, String description) {
        List<Mutant> found = JsonMutations.of(resource).stream().filter(mutant -> mutant.description().equals(description)).toList();
        assertEquals(1, found.size(), description);
        return RequestJson.parse(found.get(0).json().getBytes(StandardCharsets.UTF_8));
    }

    /** The bench's referral transaction's resource of that type, its placeholders filled in. */
    private static String benchResource(String resourceType) throws IOException {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        Path transaction = module.resolveSibling("bench").resolve("src/main/resources/org/peerbridge/bench/scenario/referral-transaction.json");
        String filledIn = PLACEHOLDER.matcher(Files.readString(transaction)).replaceAll(match -> plausibleValue(match.group(1)));
        JsonObject bundle = RequestJson.parse(filledIn.getBytes(StandardCharsets.UTF_8));
        return RequestJson.entryResources(bundle, bundle.getJsonArray("entry").size()).stream()
                .filter(resource -> resourceType.equals(resource.asString("resourceType")))
                .map(JsonParser::compose)
                .findFirst()
                .orElseThrow();
    }

    private static String plausibleValue(String placeholder) {
        if (placeholder.endsWith("Uuid")) {
            return "0f8fad5b-d9cb-469f-a165-70867728950e";
        }
        if (placeholder.endsWith("BirthDate") || placeholder.equals("authoredOn")) {
            return "2024-05-01";
        }
        return placeholder.endsWith("Gender") ? "female" : "Doe";
    }
}
