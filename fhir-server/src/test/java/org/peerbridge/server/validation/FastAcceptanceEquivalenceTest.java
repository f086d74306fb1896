package org.peerbridge.server.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.utilities.json.model.JsonObject;
import org.hl7.fhir.utilities.json.parser.JsonParser;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.peerbridge.server.validation.acceptance.FastAcceptance;

/**
 * The fast path may only accept what the HL7 validator accepts. Every fixture resource, and every
 * mutant of every valid fixture resource of a type the fast path judges, is judged both ways; a
 * resource the fast path accepts while the validator finds an error fails the test. The fast path
 * learns coded values as the server does, from resources the validator accepted, so what it learned
 * from one mutant is in play for the next.
 */
class FastAcceptanceEquivalenceTest {

    private static final String SENDER = "Organization/test";
    /**
     * Every mutant of every resource (about 51,000, several minutes), with
     * -Dpeerbridge.allMutants=true; by default each change at each place once per type (a few thousand).
     */
    private static final boolean ALL_MUTANTS = Boolean.getBoolean("peerbridge.allMutants");
    /** Scenario fixtures leave ids to be filled in, {{patient1.id}}: the ids a client would send instead. */
    private static final String TEMPLATE_PLACEHOLDER = "\\{\\{[^}]*}}";

    private static FhirContext fhir;
    private static ResourceValidator validator;
    private static FastAcceptance fast;

    @BeforeAll
    static void loadValidator() {
        fhir = FhirContext.forR4();
        validator = ProjectValidators.forSender(fhir, () -> SENDER);
        fast = validator.fastAcceptance();
    }

    @Test
    void everyFixtureResourceAndEveryMutantOfTheJudgedOnesGetsTheValidatorsVerdict() throws IOException {
        List<String> judgedValid = new ArrayList<>();
        FixtureResources.checkEach(fhir, (parsed, json, what) -> {
            boolean valid = compare(parsed, json.get(), what);
            if (valid && FastAcceptance.JUDGED_TYPES.contains(parsed.fhirType())) {
                judgedValid.add(JsonParser.compose(json.get()).replaceAll(TEMPLATE_PLACEHOLDER, "f1"));
            }
        });
        assertTrue(judgedValid.size() > 20, "only " + judgedValid.size() + " valid fixture resources of the judged types");

        for (String resource : judgedValid) { // with ids filled in, the walk reaches what the placeholders hid: it learns that too
            JsonObject json = RequestJson.parse(resource.getBytes(StandardCharsets.UTF_8));
            compare(FixtureResources.parse(fhir, json), json, resource);
        }
        List<String> declined = new ArrayList<>();
        for (String resource : judgedValid) {
            FastAcceptance.Verdict verdict = judge(resource);
            if (!verdict.accepted()) {
                declined.add(verdict.declined());
            }
        }
        assertTrue(declined.size() * 4 < judgedValid.size(), "once their coded values are known, the fast path declines "
                + declined.size() + " of the " + judgedValid.size() + " valid fixture resources it judges: " + declined);

        Counts counts = new Counts();
        Set<String> mutationsMade = new HashSet<>();
        for (String resource : judgedValid) {
            String type = RequestJson.parse(resource.getBytes(StandardCharsets.UTF_8)).asString("resourceType");
            for (JsonMutations.Mutant mutant : JsonMutations.of(resource)) {
                if (!ALL_MUTANTS && !mutationsMade.add(type + " " + mutant.description())) {
                    continue; // the same change at the same place, in another resource of the type
                }
                JsonObject json = RequestJson.parse(mutant.json().getBytes(StandardCharsets.UTF_8));
                Resource parsed = parsedByHapi(json);
                if (parsed != null) { // else HAPI's parser refuses it before any validation
                    counts.add(compare(parsed, json, mutant.description() + " of " + resource), judge(mutant.json()).accepted());
                }
            }
        }
        assertTrue(counts.refused > counts.judged / 2, "the mutants should break the validator's rules: " + counts);
        assertTrue(counts.fastAccepted > 100, "the fast path should accept the harmless mutants: " + counts);
    }

    /** Judges the resource both ways; fails if the fast path accepts what the validator refuses. Returns the validator's verdict. */
    private static boolean compare(Resource parsed, JsonObject json, String what) {
        FastAcceptance.Verdict verdict = fast.judge(parsed, json, SENDER); // before the validator's parser changes the JSON
        List<ValidationMessage> errors = validator.validate(parsed, json, true).stream().filter(m -> m.getLevel().isError()).toList();
        if (verdict.accepted()) {
            assertEquals(List.of(), FixtureResources.describe(errors), "the fast path accepted what the validator refuses: " + what);
        }
        if (errors.isEmpty()) {
            fast.learnFrom(verdict);
        }
        return errors.isEmpty();
    }

    /** The resource as HAPI's parser reads it; null where the parser refuses it (the server answers 400 before validating). */
    private static Resource parsedByHapi(JsonObject json) {
        try {
            return FixtureResources.parse(fhir, json);
        } catch (RuntimeException refused) { // a malformed narrative, for one, fails with an unchecked FHIRFormatError
            return null;
        }
    }

    private static FastAcceptance.Verdict judge(String resource) {
        JsonObject json = RequestJson.parse(resource.getBytes(StandardCharsets.UTF_8));
        return fast.judge(FixtureResources.parse(fhir, json), json, SENDER);
    }

    private static final class Counts {
        int judged;
        int refused;
        int fastAccepted;

        void add(boolean valid, boolean accepted) {
            judged++;
            refused += valid ? 0 : 1;
            fastAccepted += accepted ? 1 : 0;
        }

        @Override
        public String toString() {
            return judged + " mutants judged, " + refused + " refused by the validator, " + fastAccepted + " accepted by the fast path";
        }
    }
}
