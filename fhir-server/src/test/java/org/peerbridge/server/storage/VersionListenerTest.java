package org.peerbridge.server.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peerbridge.server.app.ServerConfig;
import org.peerbridge.server.search.IndexExtractor;
import org.peerbridge.server.search.SearchParameterRegistry;
import org.peerbridge.server.support.TestFiles;

/** Listeners hear every version written, inside the transaction: a listener that fails undoes the write. */
class VersionListenerTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private Path dataDir;
    private Database database;
    private ResourceStore store;
    private final List<WrittenVersion> heard = new ArrayList<>();

    @BeforeEach
    void openStore() throws Exception {
        dataDir = Files.createTempDirectory("peerbridge-listener-");
        database = Database.open(ServerConfig.defaults().withDataDir(dataDir).database());
        store = new ResourceStore(database, new IndexExtractor(FHIR, SearchParameterRegistry.standard(FHIR)), new ResourceCodec(FHIR));
        store.addVersionListener((uow, written) -> heard.add(written));
    }

    @AfterEach
    void close() throws Exception {
        database.close();
        TestFiles.deleteTree(dataDir);
    }

    @Test
    void hearsCreateUpdateAndDeleteWithTheirVersions() {
        Patient patient = new Patient();
        patient.addName().setFamily("Listener");
        String id = store.write(uow -> uow.create(patient)).getIdElement().getIdPart();
        store.write(uow -> uow.update(new Patient().setActive(true), uow.lockCurrentRow("Patient", id).orElseThrow()));
        store.write(uow -> uow.delete(uow.lockCurrentRow("Patient", id).orElseThrow()));

        assertEquals(List.of(WrittenVersion.Method.CREATE, WrittenVersion.Method.UPDATE, WrittenVersion.Method.DELETE),
                heard.stream().map(WrittenVersion::method).toList());
        assertEquals(List.of(1, 2, 3), heard.stream().map(WrittenVersion::version).toList());
        assertNull(heard.get(0).previous());
        assertEquals(1, heard.get(1).previous().version());
        assertTrue(((Patient) heard.get(1).resource()).getActive());
        assertNull(heard.get(2).resource());
    }

    @Test
    void aFailingListenerRollsTheWriteBack() {
        store.addVersionListener((uow, written) -> {
            throw new SQLException("outbox unavailable");
        });
        Patient patient = new Patient();
        patient.setId("kept-out");

        assertThrows(StorageException.class, () -> store.write(uow -> uow.create(patient)));
        assertTrue(store.current("Patient", "kept-out").isEmpty());
    }
}
