package org.peerbridge.server.hostile;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.peerbridge.server.http.BodyScreen;
import org.peerbridge.server.http.QueryParameters;
import org.peerbridge.server.http.RefusedInput;
import org.peerbridge.server.refusal.Refusal;
import org.peerbridge.server.search.SearchParameterRegistry;
import org.peerbridge.server.search.SearchRequestParser;
import org.peerbridge.server.transaction.EntryRequest;

/**
 * Coverage-guided fuzzing (Jazzer) of what the server does with a request before storage: the body
 * screen, HAPI's strict parser (JSON and XML), a transaction Bundle's entry shapes, and URL parameters
 * into a search. Whatever the bytes, the only outcomes allowed are acceptance or a refusal the server
 * answers with 4xx; any other exception (which the server would answer with 500) or a hang fails.
 *
 * <p>In the normal test run each method replays its kept inputs (src/test/resources/.../RequestParsingFuzzTestInputs/
 * and the adversarial corpus seeds there): a few seconds. A real fuzzing run is one method at a time:
 * {@code JAZZER_FUZZ=1 ./mvnw -o -pl fhir-server -am test -Dtest='RequestParsingFuzzTest#jsonBodies'
 * -Dsurefire.failIfNoSpecifiedTests=false}, for the maxDuration below (docs/testing.md).
 */
class RequestParsingFuzzTest {

    private static final FhirContext FHIR = strictContext();
    private static final SearchRequestParser SEARCH = new SearchRequestParser(SearchParameterRegistry.standard(FHIR), FHIR);
    private static final List<String> SEARCHED_TYPES = List.of("Patient", "ServiceRequest", "Task", "Observation", "Encounter");

    private static FhirContext strictContext() {
        FhirContext context = FhirContext.forR4();
        context.setParserErrorHandler(new StrictErrorHandler());
        return context;
    }

    @FuzzTest(maxDuration = "5m")
    void jsonBodies(byte[] body) {
        screenThenParse(body, "application/fhir+json", FHIR.newJsonParser());
    }

    @FuzzTest(maxDuration = "5m")
    void xmlBodies(byte[] body) {
        screenThenParse(body, "application/fhir+xml", FHIR.newXmlParser());
    }

    @FuzzTest(maxDuration = "5m")
    void searchStrings(byte[] query) {
        String text = new String(query, java.nio.charset.StandardCharsets.ISO_8859_1); // raw query bytes, as Jetty hands them over
        Map<String, List<String>> parameters;
        try {
            parameters = QueryParameters.parse(text);
        } catch (RefusedInput refused) {
            return;
        }
        Map<String, String[]> asArrays = new java.util.LinkedHashMap<>();
        parameters.forEach((name, values) -> asArrays.put(name, values.toArray(String[]::new)));
        String type = SEARCHED_TYPES.get(Math.floorMod(text.hashCode(), SEARCHED_TYPES.size()));
        try {
            SEARCH.parse(type, asArrays);
        } catch (Refusal refused) {
            assertClientError(refused);
        }
    }

    private static void screenThenParse(byte[] body, String mediaType, IParser parser) {
        try {
            BodyScreen.check(body, mediaType, null);
        } catch (RefusedInput refused) {
            return;
        }
        IBaseResource resource;
        try {
            resource = parser.parseResource(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        } catch (DataFormatException refused) {
            return; // HAPI's parse error: the server answers 400
        }
        if (resource instanceof Bundle bundle) {
            for (int i = 0; i < bundle.getEntry().size(); i++) {
                try {
                    EntryRequest.checkShape(bundle.getEntry().get(i), i);
                } catch (Refusal refused) {
                    assertClientError(refused);
                }
            }
        }
        FHIR.newJsonParser().encodeResourceToString(resource); // what is accepted can be written back
    }

    private static void assertClientError(Refusal refused) {
        int status = refused.reason().status();
        assertTrue(status >= 400 && status < 500, status + " " + refused.getMessage());
    }
}
