package org.peerbridge.server.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Questionnaire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.peerbridge.mapping.outcome.QuestionnaireCatalogue;

/** The five outcome Questionnaires are served exactly as shipped, read-only, and found by every catalogue parameter. */
class QuestionnaireCatalogueApiTest extends OutcomeApiTest {

    private static final QuestionnaireCatalogue SHIPPED = QuestionnaireCatalogue.load(FhirContext.forR4Cached());

    @Test
    void everyInstrumentReadsBackAsItsFile() {
        assertEquals(5, SHIPPED.all().size());
        for (Questionnaire file : SHIPPED.all()) {
            Questionnaire served = server.client().read().resource(Questionnaire.class).withId(file.getIdElement().getIdPart()).execute();
            Questionnaire comparable = served.copy();
            comparable.setMeta(null);
            comparable.setIdElement(file.getIdElement());
            assertTrue(comparable.equalsDeep(file), file.getUrl() + " is served as shipped");
        }
    }

    @Test
    void searchableByUrlCodeNameTitleStatusAndVersion() {
        assertEquals(List.of("phq-9"), ids("Questionnaire?url=http://peerbridge.org/fhir/Questionnaire/phq-9"));
        assertEquals(List.of("gad-7"), ids("Questionnaire?code=http://loinc.org|69737-5"));
        assertEquals(List.of("who-5"), ids("Questionnaire?code=http://snomed.info/sct|1144665009"));
        assertEquals(List.of("ucla-3"), ids("Questionnaire?name=UCLA3"));
        assertEquals(List.of("phq-2"), ids("Questionnaire?title:contains=PHQ-2"));
        assertEquals(5, search("Questionnaire?status=active").getTotal());
        assertEquals(5, search("Questionnaire?version=1.0.0").getTotal());
        assertEquals(List.of("phq-9"), ids("Questionnaire?url=http://peerbridge.org/fhir/Questionnaire/phq-9&version=1.0.0&status=active"));
        assertEquals(0, search("Questionnaire?url=http://peerbridge.org/fhir/Questionnaire/phq-9&version=2.0.0").getTotal());
        assertEquals(0, search("Questionnaire?status=retired").getTotal());
    }

    @Test
    void writesAreRefusedAndChangeNothing() {
        Questionnaire phq9 = server.client().read().resource(Questionnaire.class).withId("phq-9").execute();
        Questionnaire changed = phq9.copy().setTitle("My own PHQ-9");
        Questionnaire another = phq9.copy();
        another.setId((String) null);
        another.setUrl("http://example.org/Questionnaire/mine");

        notAllowed(() -> server.client().update().resource(changed).execute());
        notAllowed(() -> server.client().create().resource(another).execute());
        notAllowed(() -> server.client().delete().resourceById("Questionnaire", "phq-9").execute());

        Questionnaire after = server.client().read().resource(Questionnaire.class).withId("phq-9").execute();
        assertEquals("1", after.getMeta().getVersionId());
        assertEquals(phq9.getTitle(), after.getTitle());
        assertEquals(0, search("Questionnaire?url=http://example.org/Questionnaire/mine").getTotal());
    }

    @Test
    void theCapabilityStatementSaysReadOnlyAndListsTheCatalogueSearches() {
        CapabilityStatement capabilities = server.client().capabilities().ofType(CapabilityStatement.class).execute();
        CapabilityStatementRestResourceComponent questionnaire = capabilities.getRestFirstRep().getResource().stream()
                .filter(r -> r.getType().equals("Questionnaire")).findFirst().orElseThrow();
        List<TypeRestfulInteraction> interactions = questionnaire.getInteraction().stream().map(i -> i.getCode()).toList();
        assertTrue(interactions.contains(TypeRestfulInteraction.READ) && interactions.contains(TypeRestfulInteraction.SEARCHTYPE));
        assertFalse(interactions.contains(TypeRestfulInteraction.CREATE) || interactions.contains(TypeRestfulInteraction.UPDATE)
                || interactions.contains(TypeRestfulInteraction.DELETE));
        List<String> params = questionnaire.getSearchParam().stream().map(p -> p.getName()).toList();
        assertTrue(params.containsAll(List.of("url", "code", "name", "title", "status", "version")), params::toString);
    }

    private static void notAllowed(Executable write) {
        MethodNotAllowedException refused = assertThrows(MethodNotAllowedException.class, write);
        OperationOutcome outcome = (OperationOutcome) refused.getOperationOutcome();
        assertEquals(OperationOutcome.IssueType.NOTSUPPORTED, outcome.getIssueFirstRep().getCode());
        assertTrue(outcome.getIssueFirstRep().getDiagnostics().contains("read-only"));
    }

    private static List<String> ids(String url) {
        Bundle found = search(url);
        return found.getEntry().stream().map(e -> e.getResource().getIdElement().getIdPart()).toList();
    }
}
