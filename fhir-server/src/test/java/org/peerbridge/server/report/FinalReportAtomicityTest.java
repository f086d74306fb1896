package org.peerbridge.server.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ca.uhn.fhir.context.FhirContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peerbridge.mapping.access.Role;
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
import org.peerbridge.server.support.TestFiles;
import org.peerbridge.server.write.Actor;
import org.peerbridge.server.write.ResourceWriter;
import org.peerbridge.server.write.WriteRuleSet;

/**
 * Never a completed referral without its final report: when building the report fails (a fault we cannot
 * cause for real, so the report source is a mock that throws), the Task stays as it was. With the real
 * report source the same completion stores the report. Everything else is real: H2, the store, the writer,
 * the referral rules.
 */
class FinalReportAtomicityTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private Path dataDir;
    private Database database;
    private ResourceStore store;
    private ReferralTables tables;
    private SearchService search;
    private SearchRequestParser parser;
    private ResourceCodec codec;

    @BeforeEach
    void openStore() throws Exception {
        dataDir = Files.createTempDirectory("peerbridge-final-report-");
        database = Database.open(ServerConfig.defaults().withDataDir(dataDir).database());
        SearchParameterRegistry registry = SearchParameterRegistry.standard(FHIR);
        codec = new ResourceCodec(FHIR);
        store = new ResourceStore(database, new IndexExtractor(FHIR, registry), codec);
        search = new SearchService(codec);
        parser = new SearchRequestParser(registry, FHIR);
        tables = new ReferralTables();
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
    void theTaskDoesNotCompleteWhenItsReportFails() throws Exception {
        ProgressReports failing = mock(ProgressReports.class);
        when(failing.course(any(), anyString())).thenThrow(new SQLTransientConnectionException("connection lost while reporting"));
        ResourceWriter writer = writer(failing);
        String taskId = inProgressReferral(writer);

        assertThrows(RuntimeException.class, () -> complete(writer, taskId));

        assertEquals(Task.TaskStatus.INPROGRESS, task(taskId).getStatus(), "no completion without the report");
        assertEquals(0, count("DocumentReference"));
    }

    @Test
    void withTheRealReportTheCompletionStoresIt() {
        ResourceWriter writer = writer(new ProgressReports(new StoredSearch(search, parser), codec, "Organization/program"));
        String taskId = inProgressReferral(writer);

        complete(writer, taskId);

        assertEquals(Task.TaskStatus.COMPLETED, task(taskId).getStatus());
        assertEquals(1, count("DocumentReference"));
    }

    private ResourceWriter writer(ProgressReports reports) {
        return new ResourceWriter(search, parser, new WriteRuleSet(List.of(new ServiceRequestRules(tables, "Organization/program"),
                new FulfilmentTaskRules(tables), new FinalReportRules(reports, codec, "Organization/program", () -> "http://localhost/fhir"))),
                () -> Actor.client(Role.PROGRAM, "Organization/program"));
    }

    private void complete(ResourceWriter writer, String taskId) {
        store.write(uow -> {
            Task task = (Task) uow.read("Task", taskId).orElseThrow();
            task.setStatus(Task.TaskStatus.COMPLETED);
            return writer.update(uow, taskId, task, null, null);
        });
    }

    /** A referral whose Task the program accepted and started, each its own write. */
    private String inProgressReferral(ResourceWriter writer) {
        ServiceRequest request = store.write(uow -> {
            String patient = ref(writer.create(uow, Referrals.patient(Referrals.unique()), null, null).resource());
            String requester = ref(writer.create(uow, Referrals.practitioner(), null, null).resource());
            return (ServiceRequest) writer.create(uow, Referrals.serviceRequest(Referrals.unique(), patient, requester), null, null)
                    .resource();
        });
        String taskId = store.write(uow -> tables.taskOfReferral(uow, request.getIdElement().getIdPart()).orElseThrow());
        for (Task.TaskStatus status : List.of(Task.TaskStatus.ACCEPTED, Task.TaskStatus.INPROGRESS)) {
            store.write(uow -> {
                Task task = (Task) uow.read("Task", taskId).orElseThrow();
                task.setStatus(status);
                return writer.update(uow, taskId, task, null, null);
            });
        }
        return taskId;
    }

    private Task task(String id) {
        return store.write(uow -> (Task) uow.read("Task", id).orElseThrow());
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

    private static String ref(Resource resource) {
        return resource.fhirType() + "/" + resource.getIdElement().getIdPart();
    }
}
