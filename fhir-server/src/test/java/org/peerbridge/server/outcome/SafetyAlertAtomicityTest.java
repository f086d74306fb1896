package org.peerbridge.server.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;

import ca.uhn.fhir.context.FhirContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peerbridge.mapping.access.Role;
import org.peerbridge.mapping.outcome.QuestionnaireCatalogue;
import org.peerbridge.server.app.ServerConfig;
import org.peerbridge.server.referral.FulfilmentTaskRules;
import org.peerbridge.server.referral.ReferralTables;
import org.peerbridge.server.referral.ServiceRequestRules;
import org.peerbridge.server.search.IndexExtractor;
import org.peerbridge.server.search.SearchParameterRegistry;
import org.peerbridge.server.search.SearchRequestParser;
import org.peerbridge.server.search.SearchService;
import org.peerbridge.server.search.StoredSearch;
import org.peerbridge.server.storage.Database;
import org.peerbridge.server.storage.ResourceCodec;
import org.peerbridge.server.storage.ResourceStore;
import org.peerbridge.server.support.Referrals;
import org.peerbridge.server.support.Responses;
import org.peerbridge.server.support.TestFiles;
import org.peerbridge.server.write.Actor;
import org.peerbridge.server.write.ResourceWriter;
import org.peerbridge.server.write.WriteRuleSet;

/**
 * Never a response without its alert: when raising the alert fails (a fault we cannot cause for real,
 * so the alert step is a mock that throws), the response and its score are not stored either.
 * Everything else is real: H2, the store, the writer and the referral and outcome rules.
 */
class SafetyAlertAtomicityTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private Path dataDir;
    private Database database;
    private ResourceStore store;
    private ResourceWriter writer;
    private ReferralTables tables;

    @BeforeEach
    void openStoreWithFailingAlerts() throws Exception {
        dataDir = Files.createTempDirectory("peerbridge-atomicity-");
        database = Database.open(ServerConfig.defaults().withDataDir(dataDir).database());
        SearchParameterRegistry registry = SearchParameterRegistry.standard(FHIR);
        ResourceCodec codec = new ResourceCodec(FHIR);
        store = new ResourceStore(database, new IndexExtractor(FHIR, registry), codec);
        SearchService search = new SearchService(codec);
        SearchRequestParser parser = new SearchRequestParser(registry, FHIR);
        tables = new ReferralTables();
        SafetyAlerts failing = mock(SafetyAlerts.class);
        doThrow(new SQLTransientConnectionException("connection lost while raising the alert"))
                .when(failing).raise(any(), any(), any());
        ScoreIndex scores = new ScoreIndex();
        ScorePlacement placement = new ScorePlacement(scores, new AttendedSessions(new StoredSearch(search, parser)), tables);
        ResponseRules responses = new ResponseRules(QuestionnaireCatalogue.load(FHIR), tables, new ScoreRecorder(scores, placement), failing);
        writer = new ResourceWriter(search, parser, new WriteRuleSet(List.of(new ServiceRequestRules(tables, "Organization/program"),
                new FulfilmentTaskRules(tables), responses)), () -> Actor.client(Role.PROGRAM, "Organization/program"));
        Organization program = new Organization().setName("Peer support program");
        program.setId("program");
        store.write(uow -> uow.create(program));
    }

    @AfterEach
    void close() throws Exception {
        database.close();
        TestFiles.deleteTree(dataDir);
    }

    @Test
    void responseIsNotStoredWhenItsAlertFails() {
        Referrals.Sent referral = storeReferral();
        QuestionnaireResponse response = Responses.answered(Responses.PHQ9, referral, "2026-03-02", 0, 0, 0, 0, 0, 0, 0, 0, 3);

        assertThrows(RuntimeException.class, () -> store.write(uow -> writer.create(uow, response, null, null)));

        assertEquals(0, count("QuestionnaireResponse"), "no response without its alert");
        assertEquals(0, count("Observation"), "nor its score");
    }

    @Test
    void responseWithoutSafetySignalIsStoredWithItsScore() {
        Referrals.Sent referral = storeReferral();
        store.write(uow -> writer.create(uow, Responses.answered(Responses.PHQ9, referral, "2026-03-02", 1, 0, 0, 0, 0, 0, 0, 0, 0), null, null));
        assertEquals(1, count("QuestionnaireResponse"));
        assertEquals(1, count("Observation"));
    }

    private Referrals.Sent storeReferral() {
        return Referrals.storeAccepted(store, writer, tables);
    }

    private int count(String type) {
        return store.read(c -> {
            try (var statement = c.prepareStatement("SELECT COUNT(*) FROM resource WHERE res_type = ?")) {
                statement.setString(1, type);
                try (var rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getInt(1);
                }
            }
        });
    }
}
