package org.peerbridge.server.transaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.peerbridge.mapping.access.Role;
import org.peerbridge.server.referral.FulfilmentTaskRules;
import org.peerbridge.server.referral.ReferralTables;
import org.peerbridge.server.referral.ServiceRequestRules;
import org.peerbridge.server.refusal.Refusal;
import org.peerbridge.server.search.IndexExtractor;
import org.peerbridge.server.search.SearchParameterRegistry;
import org.peerbridge.server.search.SearchRequestParser;
import org.peerbridge.server.search.SearchService;
import org.peerbridge.server.storage.Jdbc;
import org.peerbridge.server.storage.ResourceCodec;
import org.peerbridge.server.storage.ResourceStore;
import org.peerbridge.server.support.Referrals;
import org.peerbridge.server.support.TestDatabase;
import org.peerbridge.server.validation.ProjectValidators;
import org.peerbridge.server.validation.ResourceValidator;
import org.peerbridge.server.write.Actor;
import org.peerbridge.server.write.ResourceWriter;
import org.peerbridge.server.write.WriteRuleSet;

/**
 * Transaction Bundles below HTTP, on a migrated H2 database with the real validator, writer and referral rules:
 * the order entries run in, urn:uuid references resolved, conditional creates, a retried referral answered from
 * its first answer, one refused entry undoing the whole Bundle, and the limit on entries.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransactionProcessorTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final int MAX_ENTRIES = 10;

    private TestDatabase.Opened opened;
    private ResourceStore store;
    private ResourceWriter writer;
    private TransactionProcessor transactions;
    private final List<String> written = new ArrayList<>();

    @BeforeAll
    void openStore() {
        opened = TestDatabase.open();
        SearchParameterRegistry registry = SearchParameterRegistry.standard(FHIR);
        ResourceCodec codec = new ResourceCodec(FHIR);
        store = new ResourceStore(opened.database(), new IndexExtractor(FHIR, registry), codec);
        store.addVersionListener((uow, version) -> written.add(version.type() + " " + version.method()));
        SearchService search = new SearchService(codec);
        SearchRequestParser parser = new SearchRequestParser(registry, FHIR);
        ReferralTables referrals = new ReferralTables();
        writer = new ResourceWriter(search, parser, new WriteRuleSet(List.of(new ServiceRequestRules(referrals, "Organization/program"),
                new FulfilmentTaskRules(referrals))), () -> Actor.client(Role.REFERRER, "Organization/general-hospital"));
        ResourceValidator validator = ProjectValidators.forSender(FHIR, () -> "test");
        transactions = new TransactionProcessor(store, writer, validator, new EntryExecutor(writer, parser, search),
                new IntakeReplay(referrals, FHIR), EntryAuthorization.ALLOW_ALL, MAX_ENTRIES);
    }

    @AfterAll
    void close() throws Exception {
        opened.close();
    }

    @Test
    void entriesRunDeletesFirstThenCreatesThenUpdatesThenReads() {
        String updated = stored(basic("to update"));
        String deleted = stored(basic("to delete"));
        String mrn = Referrals.unique();
        Bundle bundle = transaction();
        bundle.addEntry().getRequest().setMethod(HTTPVerb.GET).setUrl("Patient?identifier=" + Referrals.PATIENT_SYSTEM + "|" + mrn);
        Basic update = basic("updated");
        update.setId(updated);
        bundle.addEntry().setResource(update).getRequest().setMethod(HTTPVerb.PUT).setUrl("Basic/" + updated);
        bundle.addEntry().setResource(Referrals.patient(mrn)).getRequest().setMethod(HTTPVerb.POST).setUrl("Patient");
        bundle.addEntry().getRequest().setMethod(HTTPVerb.DELETE).setUrl("Basic/" + deleted);
        written.clear();

        Bundle answer = transactions.process(bundle, null);

        assertEquals(List.of("Basic DELETE", "Patient CREATE", "Basic UPDATE"), written);
        Bundle searchset = (Bundle) answer.getEntry().get(0).getResource();
        assertEquals(1, searchset.getTotal(), "the read ran last: it finds the Patient created after it in the Bundle");
        assertEquals(List.of("200 OK", "200 OK", "201 Created", "204 No Content"),
                answer.getEntry().stream().map(entry -> entry.getResponse().getStatus()).toList(), "answers in the Bundle's order");
    }

    @Test
    void urnUuidReferencesPointAtTheIdsTheirEntriesGotAndAConditionalCreateFindsTheStoredResource() {
        String mrn = Referrals.unique();
        String existing = stored(Referrals.patient(mrn));
        Bundle bundle = Referrals.minimalBundle(mrn, Referrals.unique());
        String practitionerUrl = bundle.getEntry().get(1).getFullUrl();
        written.clear();

        Bundle answer = transactions.process(bundle, null);

        assertEquals("200 OK", answer.getEntry().get(0).getResponse().getStatus(), "If-None-Exist matched the stored patient");
        assertEquals(0, written.stream().filter(w -> w.startsWith("Patient")).count(), "and no second patient was written");
        assertTrue(practitionerUrl.startsWith("urn:uuid:"));
        ServiceRequest referral = (ServiceRequest) new ResourceCodec(FHIR).decode(
                store.current("ServiceRequest", idOf(answer.getEntry().get(2))).orElseThrow());
        assertEquals("Patient/" + existing, referral.getSubject().getReference(), "the urn:uuid of the conditional entry is the found patient");
        assertEquals("Practitioner/" + idOf(answer.getEntry().get(1)), referral.getRequester().getReference());
    }

    @Test
    void aRetriedReferralGetsItsFirstAnswerAndWritesNothing() {
        String mrn = Referrals.unique();
        String referralId = Referrals.unique();
        Bundle first = transactions.process(Referrals.minimalBundle(mrn, referralId), null);
        int rows = rows();
        written.clear();

        Bundle retry = transactions.process(Referrals.minimalBundle(mrn, referralId), null);

        assertEquals(List.of(), written, "nothing written again");
        assertEquals(rows, rows());
        assertEquals(locations(first), locations(retry), "the same resources");
        assertEquals(List.of("200 OK", "200 OK", "200 OK"), retry.getEntry().stream().map(e -> e.getResponse().getStatus()).toList(),
                "every entry answered as found");
    }

    @Test
    void aRefusedEntryUndoesEveryEntryBeforeIt() {
        String basic = stored(basic("kept"));
        String mrn = Referrals.unique();
        Bundle bundle = transaction();
        bundle.addEntry().setResource(Referrals.patient(mrn)).getRequest().setMethod(HTTPVerb.POST).setUrl("Patient");
        Basic stale = basic("changed");
        stale.setId(basic);
        bundle.addEntry().setResource(stale).getRequest().setMethod(HTTPVerb.PUT).setUrl("Basic/" + basic).setIfMatch("W/\"7\"");
        int rows = rows();
        written.clear();

        Refusal refusal = assertThrows(Refusal.class, () -> transactions.process(bundle, null));

        assertEquals(412, refusal.reason().status());
        assertEquals(List.of("Patient CREATE"), written, "the patient was written before the update was refused");
        assertEquals(rows, rows(), "and is gone with it");
    }

    @Test
    void aBundleOverTheEntryLimitIsRefusedBeforeAnyEntryIsLookedAt() {
        Bundle bundle = transaction();
        for (int i = 0; i <= MAX_ENTRIES; i++) {
            bundle.addEntry().getRequest().setMethod(HTTPVerb.GET).setUrl("Patient/none");
        }
        Refusal refusal = assertThrows(Refusal.class, () -> transactions.process(bundle, null));
        assertEquals(413, refusal.reason().status());
        assertEquals("Bundle.entry", refusal.operationOutcome().getIssueFirstRep().getExpression().get(0).getValue());
        assertTrue(refusal.getMessage().contains("at most " + MAX_ENTRIES), refusal.getMessage());
    }

    @Test
    void anEntryWithoutAMethodIsRefusedAtItsPlace() {
        Bundle bundle = transaction();
        bundle.addEntry().setResource(basic("fine")).getRequest().setMethod(HTTPVerb.POST).setUrl("Basic");
        bundle.addEntry().setResource(basic("no method")).getRequest().setUrl("Basic");
        written.clear();
        Refusal refusal = assertThrows(Refusal.class, () -> transactions.process(bundle, null));
        assertEquals(400, refusal.reason().status());
        assertEquals("Bundle.entry[1].request.method", refusal.operationOutcome().getIssueFirstRep().getExpression().get(0).getValue());
        assertEquals(List.of(), written);
    }

    private String stored(Resource resource) {
        return store.write(uow -> writer.create(uow, resource, null, null).resource().getIdElement().getIdPart());
    }

    private static Bundle transaction() {
        return new Bundle().setType(Bundle.BundleType.TRANSACTION);
    }

    private static Basic basic(String text) {
        return new Basic().setCode(new CodeableConcept().setText(text));
    }

    private static String idOf(BundleEntryComponent answer) {
        return new IdType(answer.getResponse().getLocation()).getIdPart();
    }

    private static List<String> locations(Bundle answer) {
        return answer.getEntry().stream().map(entry -> new IdType(entry.getResponse().getLocation())
                .toUnqualifiedVersionless().getValue()).toList();
    }

    private int rows() {
        return store.read(c -> Jdbc.queryOne(c, "SELECT COUNT(*) FROM resource", row -> row.getInt(1)).orElseThrow());
    }
}
