package org.peerbridge.server.security.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peerbridge.server.app.ServerConfig;
import org.peerbridge.server.search.IndexExtractor;
import org.peerbridge.server.search.SearchParameterRegistry;
import org.peerbridge.server.storage.Database;
import org.peerbridge.server.storage.ReadScope;
import org.peerbridge.server.storage.ResourceCodec;
import org.peerbridge.server.storage.ResourceStore;
import org.peerbridge.server.storage.StorageException;
import org.peerbridge.server.support.TestFiles;

/** A write and its audit row commit together: when the audit row cannot be stored, the write is not stored either. */
class AuditAtomicityTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private Path dataDir;
    private Database database;
    private ResourceStore store;

    @BeforeEach
    void openStore() throws Exception {
        dataDir = Files.createTempDirectory("peerbridge-audit-");
        database = Database.open(ServerConfig.defaults().withDataDir(dataDir).database());
        store = new ResourceStore(database, new IndexExtractor(FHIR, SearchParameterRegistry.standard(FHIR)), new ResourceCodec(FHIR));
        store.addVersionListener(new AuditListener(new AuditTrail(database)));
    }

    @AfterEach
    void close() throws Exception {
        database.close();
        TestFiles.deleteTree(dataDir);
    }

    @Test
    void theAuditRowAndItsEntitiesCommitWithTheWrite() throws Exception {
        AuditRecord record = new AuditRecord(System.currentTimeMillis(), "127.0.0.1", "POST", "/fhir/Patient");
        try (ReadScope.Binding bound = AuditContext.bind(record)) {
            store.write(uow -> uow.create(new Patient().setActive(true)));
        }
        assertEquals(1, count("SELECT COUNT(*) FROM audit_event WHERE id = '" + record.id() + "'"));
        assertEquals(1, count("SELECT COUNT(*) FROM audit_entity WHERE audit_id = '" + record.id() + "' AND version = 1"));
    }

    @Test
    void aWriteWhoseAuditRowFailsIsRolledBack() throws Exception {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE audit_entity");
            c.commit();
        }
        Patient patient = new Patient();
        patient.setId("never-stored");
        try (ReadScope.Binding bound = AuditContext.bind(new AuditRecord(System.currentTimeMillis(), "127.0.0.1", "PUT", "/fhir/Patient"))) {
            assertThrows(StorageException.class, () -> store.write(uow -> uow.create(patient)));
        }
        assertTrue(store.current("Patient", "never-stored").isEmpty());
        assertEquals(0, count("SELECT COUNT(*) FROM audit_event"));
    }

    private int count(String sql) throws Exception {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
