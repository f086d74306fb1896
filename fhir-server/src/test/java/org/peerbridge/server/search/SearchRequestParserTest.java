package org.peerbridge.server.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.peerbridge.server.refusal.Refusal;
import org.peerbridge.server.search.SearchRequest.DateCriterion;
import org.peerbridge.server.search.SearchRequest.DatePrefix;
import org.peerbridge.server.search.SearchRequest.IdCriterion;
import org.peerbridge.server.search.SearchRequest.IncludeSpec;
import org.peerbridge.server.search.SearchRequest.LastUpdatedCriterion;
import org.peerbridge.server.search.SearchRequest.MissingCriterion;
import org.peerbridge.server.search.SearchRequest.ReferenceCriterion;
import org.peerbridge.server.search.SearchRequest.ReferenceValue;
import org.peerbridge.server.search.SearchRequest.SortSpec;
import org.peerbridge.server.search.SearchRequest.StringCriterion;
import org.peerbridge.server.search.SearchRequest.StringMatch;
import org.peerbridge.server.search.SearchRequest.TokenCriterion;
import org.peerbridge.server.search.SearchRequest.TokenValue;

/**
 * What each kind of search parameter, modifier and prefix parses to, and the 400 (located at
 * http.[parameter]) for everything the server does not support: no database, no server.
 */
class SearchRequestParserTest {

    private final SearchRequestParser parser = new SearchRequestParser(SearchParameterRegistry.standard(FhirContext.forR4Cached()),
            FhirContext.forR4Cached());

    @Test
    void withoutParametersEverythingOfTheTypeIsAskedForOneDefaultPage() {
        SearchRequest request = parse("Task");
        assertEquals("Task", request.resourceType());
        assertTrue(request.criteria().isEmpty());
        assertEquals(SearchRequestParser.DEFAULT_COUNT, request.count());
        assertEquals(0, request.offset());
        assertTrue(request.sort().isEmpty());
    }

    @Test
    void tokensTakeCodeSystemAndCodeOrAnExplicitlyEmptySystem() {
        TokenCriterion token = (TokenCriterion) only(parse("Patient", "identifier", "http://hospital.example/mrn|123,456,|789"));
        assertEquals("identifier", token.param());
        assertFalse(token.negated());
        assertEquals(List.of(new TokenValue("http://hospital.example/mrn", true, "123"), new TokenValue(null, false, "456"),
                new TokenValue(null, true, "789")), token.values(), "comma is OR; '|789' means: no system");
    }

    @Test
    void tokenNotIsNegation() {
        TokenCriterion token = (TokenCriterion) only(parse("Task", "status:not", "completed"));
        assertTrue(token.negated());
        assertEquals(List.of(new TokenValue(null, false, "completed")), token.values());
    }

    @Test
    void anEscapedCommaIsPartOfTheValue() {
        StringCriterion name = (StringCriterion) only(parse("Patient", "family", "Smith\\,Jones"));
        assertEquals(List.of("Smith,Jones"), name.values());
    }

    @Test
    void stringsStartWithUnlessExactOrContains() {
        assertEquals(StringMatch.STARTS_WITH, ((StringCriterion) only(parse("Patient", "name", "ann"))).match());
        assertEquals(StringMatch.EXACT, ((StringCriterion) only(parse("Patient", "name:exact", "Ann"))).match());
        assertEquals(StringMatch.CONTAINS, ((StringCriterion) only(parse("Patient", "name:contains", "nn"))).match());
    }

    @Test
    void datesTakeEveryFhirPrefixAndKeepTheirPrecisionAsARange() {
        DateCriterion date = (DateCriterion) only(parse("Patient", "birthdate", "ge1990-01,lt2000"));
        assertEquals(DatePrefix.GE, date.values().get(0).prefix());
        assertEquals(Instant.parse("1990-01-01T00:00:00Z").toEpochMilli(), date.values().get(0).bounds().low());
        assertEquals(Instant.parse("1990-02-01T00:00:00Z").toEpochMilli() - 1, date.values().get(0).bounds().high(),
                "a month searched is the whole month");
        assertEquals(DatePrefix.LT, date.values().get(1).prefix());
        for (DatePrefix prefix : DatePrefix.values()) {
            String value = prefix.name().toLowerCase() + "2026-03-02";
            assertEquals(prefix, ((DateCriterion) only(parse("Task", "authored-on", value))).values().get(0).prefix(), value);
        }
        assertEquals(DatePrefix.EQ, ((DateCriterion) only(parse("Task", "authored-on", "2026-03-02T10:00:00Z"))).values().get(0).prefix());
    }

    @Test
    void referencesTakeTypeAndIdABareIdAnAbsoluteUrlOrATypeModifier() {
        ReferenceCriterion subject = (ReferenceCriterion) only(parse("Task", "subject",
                "Patient/p1,p2,https://fhir.example.org/fhir/Patient/p3"));
        assertEquals(List.of(new ReferenceValue("Patient", "p1"), new ReferenceValue(null, "p2"), new ReferenceValue("Patient", "p3")),
                subject.values());
        ReferenceCriterion typed = (ReferenceCriterion) only(parse("Task", "subject:Patient", "p2"));
        assertEquals(List.of(new ReferenceValue("Patient", "p2")), typed.values());
    }

    @Test
    void aChainIsACriterionOnTheTargetTypeParsedAsThatTypesSearch() {
        SearchRequest.ChainCriterion chain = (SearchRequest.ChainCriterion) only(parse("Task", "subject:Patient.identifier", "urn:mrn|7"));
        assertEquals("subject", chain.param());
        assertEquals("Patient", chain.targetType());
        assertEquals(new TokenCriterion("identifier", false, List.of(new TokenValue("urn:mrn", true, "7"))), chain.target());
        SearchRequest.ChainCriterion implied = (SearchRequest.ChainCriterion) only(parse("Task", "patient.family:exact", "Berg"));
        assertEquals("Patient", implied.targetType(), "patient can only point at a Patient");
        assertEquals(StringMatch.EXACT, ((StringCriterion) implied.target()).match());
    }

    @Test
    void chainsTheServerCannotAnswerAreRefused() {
        assertTrue(refused("http.subject.identifier", "Task", "subject.identifier", "x").contains("Name the target type"));
        assertTrue(refused("http.status.code", "Task", "status.code", "x").contains("not a reference parameter"));
        assertTrue(refused("http.patient:Patient.organization.name", "Task", "patient:Patient.organization.name", "x")
                .contains("one level of chaining"));
        assertTrue(refused("http.patient.nickname", "Task", "patient.nickname", "x").contains("Unknown search parameter 'nickname'"));
    }

    @Test
    void missingIdAndLastUpdatedHaveTheirOwnCriteria() {
        assertEquals(new MissingCriterion("owner", SearchParamType.REFERENCE, true), only(parse("Task", "owner:missing", "true")));
        assertEquals(new IdCriterion(List.of("a", "b")), only(parse("Task", "_id", "a,b")));
        LastUpdatedCriterion updated = (LastUpdatedCriterion) only(parse("Task", "_lastUpdated", "gt2026-01-01"));
        assertEquals(DatePrefix.GT, updated.values().get(0).prefix());
    }

    @Test
    void repeatedParametersAreAnd() {
        SearchRequest request = parser.parse("Patient", Map.of("name", new String[] {"ann", "smith"}));
        assertEquals(2, request.criteria().size());
    }

    @Test
    void sortCountOffsetAndIncludesAreResultParameters() {
        SearchRequest request = parse("Task", "_sort", "-modified,_id", "_count", "5", "_offset", "10",
                "_include", "Task:focus:ServiceRequest", "_revinclude", "Observation:derived-from", "_total", "accurate",
                "_format", "json", "_summary", "true");
        assertTrue(request.criteria().isEmpty(), "_total, _format and _summary filter nothing");
        assertEquals(List.of(new SortSpec("modified", SearchParamType.DATE, true), new SortSpec("_id", SearchParamType.TOKEN, false)),
                request.sort());
        assertEquals(5, request.count());
        assertEquals(10, request.offset());
        assertEquals(List.of(new IncludeSpec("Task", "focus", "ServiceRequest")), request.includes());
        assertEquals(List.of(new IncludeSpec("Observation", "derived-from", null)), request.revIncludes());
    }

    @Test
    void countZeroAsksOnlyForTheTotal() {
        assertEquals(0, parse("Task", "_count", "0").count());
    }

    @Test
    void anUnknownParameterIsRefusedNamingWhatIsSupported() {
        String message = refused("http.nickname", "Patient", "nickname", "Ann");
        assertTrue(message.contains("Unknown search parameter 'nickname' for Patient"), message);
        assertTrue(message.contains("family"), "the answer lists the supported parameters: " + message);
    }

    @Test
    void unsupportedModifiersAreRefused() {
        refused("http.status:text", "Task", "status:text", "x");
        refused("http.name:above", "Patient", "name:above", "x");
        refused("http.subject:identifier", "Task", "subject:identifier", "x");
        refused("http.authored-on:exact", "Task", "authored-on:exact", "2026");
    }

    @Test
    void malformedValuesAreRefused() {
        assertTrue(refused("http.birthdate", "Patient", "birthdate", "xx2026-01-01").contains("Unknown date prefix 'xx'"));
        assertTrue(refused("http.birthdate", "Patient", "birthdate", "2026-13-45").contains("not a valid FHIR date"));
        assertTrue(refused("http.identifier", "Patient", "identifier", "http://hospital.example/mrn|").contains("system alone"));
        assertTrue(refused("http.subject", "Task", "subject", "not a/reference/at all").contains("is not a reference"));
        assertTrue(refused("http.subject:Patient", "Task", "subject:Patient", "Practitioner/1").contains("contradicts"));
        refused("http.owner:missing", "Task", "owner:missing", "maybe");
        assertTrue(assertThrows(RuntimeException.class, () -> parse("Patient", "family", "a,,b")).getMessage().contains("Empty search value"));
    }

    @Test
    void aCodeOutsideARequiredBindingIsRefusedNamingTheCodes() {
        String message = refused("http.status", "Task", "status", "accepted,acepted");
        assertTrue(message.contains("'acepted'") && message.contains("accepted, rejected") && message.contains("in-progress"), message);
        refused("http.status:not", "Encounter", "status:not", "done");
        assertEquals(2, ((TokenCriterion) only(parse("Task", "status", "accepted,in-progress"))).values().size());
        assertEquals(1, ((TokenCriterion) only(parse("Encounter", "class", "no-such-class-is-checked"))).values().size(),
                "a Coding's binding is extensible: any code may be searched");
    }

    @Test
    void resultParametersOutOfRangeAreRefused() {
        assertTrue(refused("http._count", "Task", "_count", "1001").contains("between 0 and 1000"));
        refused("http._count", "Task", "_count", "-1");
        refused("http._count", "Task", "_count", "ten");
        refused("http._offset", "Task", "_offset", "-5");
        refused("http._total", "Task", "_total", "exact");
        refused("http._sort", "Task", "_sort", "colour");
    }

    @Test
    void includesMustNameAReferenceParameterThatFits() {
        refused("http._include", "Task", "_include", "Task");
        refused("http._include", "Task", "_include", "ServiceRequest:subject");
        refused("http._include", "Task", "_include", "Task:status");
        assertTrue(refused("http._revinclude", "Patient", "_revinclude", "Task:focus:ServiceRequest:x").contains("Type:parameter"));
        assertTrue(refused("http._revinclude", "Practitioner", "_revinclude", "Task:patient").contains("never points at Practitioner"));
    }

    @Test
    void criteriaFromAQueryStringParseLikeASearchUrl() {
        Map<String, String[]> parameters = QueryString.parse("ServiceRequest?identifier=urn%3Aoid%3A1.2%7C42&status=active", "If-None-Exist");
        SearchRequest request = parser.parse("ServiceRequest", parameters);
        assertEquals(new TokenValue("urn:oid:1.2", true, "42"), ((TokenCriterion) request.criteria().get(0)).values().get(0));
        assertEquals(2, request.criteria().size());
        assertEquals("http.If-None-Exist", location(assertThrows(Refusal.class, () -> QueryString.parse("identifier", "If-None-Exist"))));
    }

    private SearchRequest parse(String type, String... nameValuePairs) {
        Map<String, String[]> parameters = new LinkedHashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            parameters.put(nameValuePairs[i], new String[] {nameValuePairs[i + 1]});
        }
        return parser.parse(type, parameters);
    }

    private static SearchRequest.Criterion only(SearchRequest request) {
        assertEquals(1, request.criteria().size(), request.criteria().toString());
        return request.criteria().get(0);
    }

    /** Parses, expecting a refusal located at {@code location}; returns its message. */
    private String refused(String location, String type, String name, String value) {
        Refusal refusal = assertThrows(Refusal.class, () -> parse(type, name, value), name + "=" + value);
        assertEquals(location, location(refusal), refusal.getMessage());
        return refusal.getMessage();
    }

    /** Where a refusal points, as the OperationOutcome the client receives says it. */
    private static String location(Refusal refusal) {
        assertEquals(Refusal.Reason.INVALID_REQUEST, refusal.reason());
        return refusal.operationOutcome().getIssueFirstRep().getLocation().get(0).getValue();
    }
}
