package org.peerbridge.server.security.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ca.uhn.fhir.context.FhirContext;
import org.junit.jupiter.api.Test;
import org.peerbridge.server.search.SearchParameterRegistry;

class QueryRedactionTest {

    private final QueryRedaction redaction = new QueryRedaction(SearchParameterRegistry.standard(FhirContext.forR4Cached()));

    @Test
    void namesAndDatesAreRedactedIdsCodesAndReferencesKept() {
        assertEquals("/fhir/Patient?family=***&birthdate=***&identifier=urn:oid:1|123&_count=5",
                redaction.redact("/fhir/Patient", "family=Testperson&birthdate=1990-04-12&identifier=urn%3Aoid%3A1%7C123&_count=5"));
        assertEquals("/fhir/Task?focus=ServiceRequest/1&_lastUpdated=gt2024-01-01",
                redaction.redact("/fhir/Task", "focus=ServiceRequest/1&_lastUpdated=gt2024-01-01"));
        assertEquals("/fhir/Patient?name:contains=***", redaction.redact("/fhir/Patient", "name:contains=Alex"));
        assertEquals("/fhir/Patient/123", redaction.redact("/fhir/Patient/123", null));
        assertEquals("/fhir?unknown=***", redaction.redact("/fhir", "unknown=x"));
    }
}
