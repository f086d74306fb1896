package org.peerbridge.server.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.SearchParameter;
import org.junit.jupiter.api.Test;
import org.peerbridge.mapping.outcome.AssessmentSchedule;
import org.peerbridge.mapping.search.OwnSearchParameters;
import org.peerbridge.server.refusal.Refusal;
import org.peerbridge.server.search.SupportedParameters.Allowed;
import org.peerbridge.server.search.SupportedParameters.Standard;
import org.peerbridge.server.storage.IndexRows;

/**
 * The registry is the allow-list with each parameter's definition behind it: R4's as HAPI's FhirContext
 * carries it, or PeerBridge's own published SearchParameter. No database, no server.
 */
class SearchParameterRegistryTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final SearchParameterRegistry REGISTRY = SearchParameterRegistry.standard(FHIR);

    @Test
    void eachTypeHasExactlyTheAllowedParametersInTheirOrder() {
        Map<String, List<String>> allowed = new LinkedHashMap<>();
        SupportedParameters.all().forEach(a -> allowed.computeIfAbsent(a.resourceType(), t -> new ArrayList<>()).add(a.name()));
        allowed.forEach((type, names) -> assertEquals(names, REGISTRY.forType(type).stream().map(SearchParamDef::name).toList(), type));
        assertEquals(List.of("identifier", "name", "family", "given", "birthdate", "gender"),
                REGISTRY.forType("Patient").stream().map(SearchParamDef::name).toList());
    }

    @Test
    void anR4ParameterThatIsNotAllowedIsUnknownAndRefused() {
        assertTrue(FHIR.getResourceDefinition("Patient").getSearchParam("address") != null, "R4 defines Patient address");
        assertTrue(REGISTRY.find("Patient", "address").isEmpty());
        SearchRequestParser parser = new SearchRequestParser(REGISTRY, FHIR);
        Refusal refusal = assertThrows(Refusal.class, () -> parser.parse("Patient", Map.of("address", new String[] {"Main"})));
        assertTrue(refusal.getMessage().contains("Unknown search parameter 'address' for Patient"), refusal.getMessage());
    }

    @Test
    void eachStandardParameterHasItsR4TypeAndCanonicalUrlExceptTheTwoMatchedAsTokens() {
        Set<String> matchedAsTokens = new LinkedHashSet<>();
        for (Allowed allowed : SupportedParameters.all()) {
            if (!(allowed instanceof Standard standard)) {
                continue;
            }
            String where = standard.resourceType() + "." + standard.name();
            RuntimeSearchParam r4 = FHIR.getResourceDefinition(standard.resourceType()).getSearchParam(standard.name());
            SearchParamDef def = REGISTRY.find(standard.resourceType(), standard.name()).orElseThrow();
            assertEquals("http://hl7.org/fhir/SearchParameter/" + standard.resourceType() + "-" + standard.name(), def.definition(), where);
            assertEquals(r4.getUri(), def.definition(), where);
            String r4Type = r4.getParamType().getCode();
            if (standard.matchedAsToken()) {
                matchedAsTokens.add(where);
                assertEquals(SearchParamType.TOKEN, def.type(), where);
                assertNotEquals("token", r4Type, where);
            } else {
                assertEquals(r4Type.equals("uri") ? "token" : r4Type, def.type().fhirCode(), where + " (a uri is matched as a token)");
            }
        }
        assertEquals(Set.of("QuestionnaireResponse.questionnaire", "Subscription.criteria"), matchedAsTokens);
    }

    @Test
    void pathsAndTargetsComeFromTheR4Expressions() {
        assertEquals(List.of("Procedure.performed[x]"), def("Procedure", "date").paths(), "a choice element is read whatever its type");
        assertEquals(List.of("Organization.name", "Organization.alias"), def("Organization", "name").paths(), "R4 joins both with |");
        SearchParamDef patient = def("Encounter", "patient");
        assertEquals("Encounter.subject.where(resolve() is Patient)",
                FHIR.getResourceDefinition("Encounter").getSearchParam("patient").getPath());
        assertEquals(List.of("Encounter.subject"), patient.paths());
        assertEquals(List.of("Patient"), patient.targetTypes());
        assertEquals(List.of("ServiceRequest"), def("Encounter", "based-on").targetTypes(), "R4 names one target type");
        assertEquals(List.of(), def("Task", "focus").targetTypes(), "any");
        assertEquals(List.of(), def("Observation", "derived-from").targetTypes(), "R4 names several: any");
        assertEquals(List.of("Organization"), def("AuditEvent", "agent").targetTypes(), "narrowed by the allow-list");
    }

    @Test
    void ownParametersAreDefinedByTheSearchParametersPeerBridgePublishes() {
        List<SearchParameter> own = OwnSearchParameters.all();
        assertEquals(9, own.size());
        for (SearchParameter parameter : own) {
            String type = parameter.getBase().get(0).getValue();
            SearchParamDef def = def(type, parameter.getCode());
            assertEquals(OwnSearchParameters.CANONICAL_BASE + type + "-" + parameter.getCode(), parameter.getUrl());
            assertEquals(parameter.getUrl(), def.definition());
            assertEquals(parameter.getType().toCode(), def.type().fhirCode());
            assertEquals(parameter.getDescription(), def.description());
        }
        assertEquals(List.of("Observation.extension('" + AssessmentSchedule.EXTENSION_URL + "').value[x]"),
                def("Observation", "time-point").paths());
        assertEquals(List.of("Observation.interpretation"), def("Observation", "value-concept").paths(),
                "PeerBridge's value-concept is the score's severity band, not R4's Observation.value");
    }

    @Test
    void aPublishedParameterTheAllowListLeavesOutStopsTheServer() {
        List<SearchParameter> own = new ArrayList<>(OwnSearchParameters.all());
        SearchParameter extra = own.get(0).copy();
        extra.setCode("unlisted").setUrl(OwnSearchParameters.CANONICAL_BASE + "Encounter-unlisted");
        own.add(extra);
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> SearchParameterRegistry.of(FHIR, SupportedParameters.all(), own));
        assertTrue(refused.getMessage().contains("Encounter-unlisted"), refused.getMessage());
    }

    @Test
    void anExpressionOrTypeTheIndexerCannotHandleStopsTheServer() {
        assertThrows(IllegalArgumentException.class, () -> IndexedElements.of(FHIR, "Observation", "(Observation.value as CodeableConcept)"));
        assertThrows(IllegalArgumentException.class, () -> IndexedElements.of(FHIR, "Patient", "Patient.deceased.exists() and Patient.deceased != false"));
        assertThrows(IllegalArgumentException.class, () -> IndexedElements.of(FHIR, "Patient", "Patient.colour"));
        assertThrows(IllegalArgumentException.class, () -> SearchParamType.indexing("number"));
        List<Allowed> withNumber = List.of(new Standard("RiskAssessment", "probability", "Probability", false, null));
        assertThrows(IllegalArgumentException.class, () -> SearchParameterRegistry.of(FHIR, withNumber, List.of()));
    }

    @Test
    void theIndexerReadsWhatTheDefinitionsName() {
        IndexExtractor extractor = new IndexExtractor(FHIR, REGISTRY);
        Organization organization = new Organization().setName("Harbor Peer Network");
        organization.addAlias("Harbor");
        assertEquals(List.of("Harbor Peer Network", "Harbor"),
                extractor.extract(organization).strings().stream().filter(s -> s.param().equals("name")).map(IndexRows.Text::exact).toList());

        Procedure procedure = new Procedure().setPerformed(new Period().setStartElement(new DateTimeType("2026-03-02T10:00:00Z")));
        assertEquals(1, extractor.extract(procedure).dates().stream().filter(d -> d.param().equals("date")).count());

        Observation score = new Observation();
        score.addExtension(AssessmentSchedule.EXTENSION_URL, new Coding("http://peerbridge.org/fhir/CodeSystem/assessment-time-point",
                "baseline", null));
        assertTrue(extractor.extract(score).tokens().contains(new IndexRows.Token("time-point",
                "http://peerbridge.org/fhir/CodeSystem/assessment-time-point", "baseline")));

        Encounter session = new Encounter().setSubject(new Reference("Group/peers"));
        List<IndexRows.Ref> references = extractor.extract(session).references();
        assertTrue(references.contains(new IndexRows.Ref("subject", "Group", "peers")));
        assertTrue(references.stream().noneMatch(r -> r.param().equals("patient")), "patient counts only references to a Patient");
    }

    private static SearchParamDef def(String type, String name) {
        return REGISTRY.find(type, name).orElseThrow(() -> new AssertionError(type + "." + name + " is not supported"));
    }
}
