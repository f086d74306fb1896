package org.peerbridge.server.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.peerbridge.server.storage.ReadScope;
import org.peerbridge.server.storage.ResourceCodec;
import org.peerbridge.server.storage.ResourceStore;
import org.peerbridge.server.support.TestDatabase;

/**
 * Parsed searches run as SQL against a small H2 store: the right ids come back, in the asked order and
 * page, with their includes, and a caller restricted to one organization sees (and counts) only its rows.
 * No server; the store is filled once for the class and never changed by a test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchServiceTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String HOSPITAL = "Organization/hospital";
    private static final String CLINIC = "Organization/clinic";

    private TestDatabase.Opened opened;
    private ResourceStore store;
    private SearchService service;
    private SearchRequestParser parser;

    @BeforeAll
    void storeAFewResources() {
        opened = TestDatabase.open();
        SearchParameterRegistry registry = SearchParameterRegistry.standard(FHIR);
        ResourceCodec codec = new ResourceCodec(FHIR);
        store = new ResourceStore(opened.database(), new IndexExtractor(FHIR, registry), codec);
        service = new SearchService(codec);
        parser = new SearchRequestParser(registry, FHIR);
        store.write(uow -> {
            uow.create(patient("zoe", "Zoë", "Ávila", "1990-05-17", AdministrativeGender.FEMALE));
            uow.create(patient("sam", "Sam", "Avery", "1985-01-02", AdministrativeGender.MALE));
            uow.create(patient("ann", "Ann", "Berg", "2001-11-30", AdministrativeGender.FEMALE));
            uow.create(patient("gone", "Gone", "Avalon", "1990-05-17", AdministrativeGender.FEMALE));
            uow.create(referral("ref-zoe", "zoe"));
            uow.create(referral("ref-sam", "sam"));
            uow.create(task("task-zoe", "ref-zoe", "zoe", Task.TaskStatus.REQUESTED, "2026-03-01"));
            uow.create(task("task-sam", "ref-sam", "sam", Task.TaskStatus.ACCEPTED, "2026-03-05"));
            uow.create(task("task-ann", null, "ann", Task.TaskStatus.COMPLETED, "2026-02-10"));
            return null;
        });
        store.write(uow -> uow.delete(uow.currentRow("Patient", "gone").orElseThrow()));
        store.write(uow -> {
            for (String[] row : new String[][] {{"Patient", "zoe", HOSPITAL}, {"ServiceRequest", "ref-zoe", HOSPITAL},
                    {"Task", "task-zoe", HOSPITAL}, {"Patient", "sam", CLINIC}, {"ServiceRequest", "ref-sam", CLINIC},
                    {"Task", "task-sam", CLINIC}, {"Task", "task-ann", CLINIC}, {"Patient", "ann", CLINIC}}) {
                try (var insert = uow.connection().prepareStatement("INSERT INTO access_scope (res_type, res_id, organization) VALUES (?, ?, ?)")) {
                    insert.setString(1, row[0]);
                    insert.setString(2, row[1]);
                    insert.setString(3, row[2]);
                    insert.executeUpdate();
                }
            }
            return null;
        });
    }

    @AfterAll
    void close() throws Exception {
        opened.close();
    }

    @Test
    void stringsMatchTheStartOfAnyNameIgnoringCaseAndAccents() throws SQLException {
        assertEquals(List.of("sam", "zoe"), ids("Patient", "family", "av"), "a deleted patient is never found");
        assertEquals(List.of("zoe"), ids("Patient", "given", "ZOE"));
        assertEquals(List.of("zoe"), ids("Patient", "family:exact", "Ávila"));
        assertEquals(List.of(), ids("Patient", "family:exact", "avila"));
        assertEquals(List.of("zoe"), ids("Patient", "name:contains", "vil"));
    }

    @Test
    void tokensMatchCodesAndNotExcludesThem() throws SQLException {
        assertEquals(List.of("ann", "zoe"), ids("Patient", "gender", "female"));
        assertEquals(List.of("ann", "zoe"), ids("Patient", "gender", "http://hl7.org/fhir/administrative-gender|female"));
        assertEquals(List.of(), ids("Patient", "gender", "http://other.example/gender|female"));
        assertEquals(List.of("task-sam", "task-zoe"), ids("Task", "status:not", "completed"));
        assertEquals(List.of("task-sam", "task-zoe"), ids("Task", "status", "requested,accepted"));
    }

    @Test
    void datesCompareAsRanges() throws SQLException {
        assertEquals(List.of("zoe"), ids("Patient", "birthdate", "1990"));
        assertEquals(List.of("zoe"), ids("Patient", "birthdate", "1990-05"));
        assertEquals(List.of("ann", "zoe"), ids("Patient", "birthdate", "ge1990-05-17"));
        assertEquals(List.of("sam"), ids("Patient", "birthdate", "lt1990"));
        assertEquals(List.of("sam", "zoe"), ids("Patient", "birthdate", "eb2000"));
        assertEquals(List.of("ann", "sam"), ids("Patient", "birthdate", "ne1990"));
    }

    @Test
    void referencesMatchByTypeAndIdOrBareId() throws SQLException {
        assertEquals(List.of("task-zoe"), ids("Task", "patient", "Patient/zoe"));
        assertEquals(List.of("task-zoe"), ids("Task", "subject", "zoe"));
        assertEquals(List.of("task-sam"), ids("Task", "focus:ServiceRequest", "ref-sam"));
        assertEquals(List.of(), ids("Task", "focus", "Patient/ref-sam"));
        assertEquals(List.of("task-ann"), ids("Task", "focus:missing", "true"));
    }

    @Test
    void aChainFindsByWhatTheReferencedResourceHolds() throws SQLException {
        assertEquals(List.of("task-sam", "task-zoe"), ids("Task", "patient.family", "av"));
        assertEquals(List.of("task-zoe"), ids("Task", "focus:ServiceRequest.patient", "Patient/zoe"));
        store.read(c -> {
            // a caller who may see task-sam but not its patient cannot find the task by what the patient holds
            try (var insert = c.prepareStatement("INSERT INTO access_scope (res_type, res_id, organization) VALUES ('Task', 'task-sam', 'Organization/auditor')")) {
                insert.executeUpdate();
            }
            try (ReadScope.Binding ignored = ReadScope.bind(new ReadScope("Organization/auditor", Set.of(), type -> true))) {
                assertEquals(List.of("task-sam"), idsOf(service.search(c, parse("Task", "status", "accepted")).matches()));
                assertEquals(List.of(), idsOf(service.search(c, parse("Task", "patient.family", "avery")).matches()));
            }
            c.rollback();
            return null;
        });
    }

    @Test
    void criteriaOfDifferentParametersAreAnd() throws SQLException {
        assertEquals(List.of("zoe"), ids(parse("Patient", "gender", "female", "birthdate", "1990")));
        assertEquals(List.of("task-zoe"), ids(parse("Task", "_id", "task-zoe,task-sam", "status", "requested")));
    }

    @Test
    void sortAndPagesWithATotalOfEveryMatch() throws SQLException {
        SearchService.SearchResult first = search(parse("Task", "_sort", "-authored-on", "_count", "2"));
        assertEquals(3, first.total());
        assertEquals(List.of("task-sam", "task-zoe"), idsOf(first.matches()));
        SearchService.SearchResult second = search(parse("Task", "_sort", "-authored-on", "_count", "2", "_offset", "2"));
        assertEquals(List.of("task-ann"), idsOf(second.matches()));
        assertEquals(3, second.total());
        SearchService.SearchResult countOnly = search(parse("Task", "_count", "0"));
        assertEquals(3, countOnly.total());
        assertTrue(countOnly.matches().isEmpty());
    }

    /** The total is the same whether the page is full, the last one, the only one, past the end or empty. */
    @Test
    void everyPageOfASearchCarriesTheSameTotal() throws SQLException {
        assertEquals(3, search(parse("Task", "_count", "3")).total(), "a full page: more might follow");
        assertEquals(3, search(parse("Task", "_count", "10")).total(), "the only page");
        assertEquals(3, search(parse("Task", "_count", "1", "_offset", "2")).total(), "the last page, full");
        SearchService.SearchResult pastTheEnd = search(parse("Task", "_count", "2", "_offset", "5"));
        assertEquals(3, pastTheEnd.total());
        assertTrue(pastTheEnd.matches().isEmpty());
        assertEquals(0, search(parse("Task", "status", "cancelled")).total(), "no match");
        assertEquals(0, search(parse("Task", "status", "cancelled", "_offset", "4")).total(), "no match, past the end");
    }

    @Test
    void includesAddWhatThePageReferencesAndRevincludesWhatReferencesIt() throws SQLException {
        SearchService.SearchResult withIncludes = search(parse("Task", "_id", "task-zoe", "_include", "Task:focus", "_include", "Task:patient"));
        assertEquals(List.of("ref-zoe", "zoe"), idsOf(withIncludes.included()));
        SearchService.SearchResult withRev = search(parse("Patient", "_id", "sam", "_revinclude", "Task:patient"));
        assertEquals(List.of("task-sam"), idsOf(withRev.included()));
    }

    @Test
    void aCallerOfOneOrganizationSeesAndCountsOnlyItsRows() throws SQLException {
        try (ReadScope.Binding ignored = ReadScope.bind(new ReadScope(HOSPITAL, Set.of(), type -> true))) {
            SearchService.SearchResult tasks = search(parse("Task"));
            assertEquals(1, tasks.total(), "the total does not reveal the clinic's tasks");
            assertEquals(List.of("task-zoe"), idsOf(tasks.matches()));
            assertEquals(List.of(), ids("Patient", "family", "avery"));
        }
        try (ReadScope.Binding ignored = ReadScope.bind(new ReadScope(CLINIC, Set.of(), type -> true))) {
            assertEquals(List.of("sam"), ids("Patient", "family", "av"));
        }
    }

    @Test
    void includesNeverAddWhatTheCallerMayNotRead() throws SQLException {
        // task-zoe's access row is the hospital's; a caller who sees it but not zoe's ServiceRequest gets no include
        store.read(c -> {
            try (var insert = c.prepareStatement("INSERT INTO access_scope (res_type, res_id, organization) VALUES ('Task', 'task-zoe', 'Organization/auditor')")) {
                insert.executeUpdate();
            }
            try (ReadScope.Binding ignored = ReadScope.bind(new ReadScope("Organization/auditor", Set.of(), type -> true))) {
                SearchService.SearchResult result = service.search(c, parse("Task", "_include", "Task:focus"));
                assertEquals(List.of("task-zoe"), idsOf(result.matches()));
                assertEquals(List.of(), idsOf(result.included()));
            }
            try (ReadScope.Binding ignored = ReadScope.bind(new ReadScope(null, Set.of(), type -> !type.equals("Patient")))) {
                SearchService.SearchResult result = service.search(c, parse("Task", "_id", "task-zoe", "_include", "Task:patient"));
                assertEquals(List.of(), idsOf(result.included()), "no Patient for a caller without Patient scope");
            }
            c.rollback();
            return null;
        });
    }

    @Test
    void matchingIdsIsWhatConditionalCreateAsks() throws SQLException {
        assertEquals(List.of("zoe"), store.read(c -> service.matchingIds(c, parse("Patient", "given", "zoe"))));
        assertEquals(2, store.read(c -> service.matchingIds(c, parse("Patient", "gender", "female"))).size());
    }

    private SearchRequest parse(String type, String... nameValuePairs) {
        Map<String, String[]> parameters = new LinkedHashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            parameters.merge(nameValuePairs[i], new String[] {nameValuePairs[i + 1]}, (a, b) -> new String[] {a[0], b[0]});
        }
        return parser.parse(type, parameters);
    }

    private SearchService.SearchResult search(SearchRequest request) {
        return store.read(c -> service.search(c, request));
    }

    private List<String> ids(String type, String name, String value) throws SQLException {
        return ids(parse(type, name, value));
    }

    private List<String> ids(SearchRequest request) {
        return idsOf(search(request).matches()).stream().sorted().toList();
    }

    private static List<String> idsOf(List<Resource> resources) {
        return resources.stream().map(r -> r.getIdElement().getIdPart()).toList();
    }

    private static Patient patient(String id, String given, String family, String birthDate, AdministrativeGender gender) {
        Patient patient = new Patient();
        patient.setId(id);
        patient.addName(new HumanName().setFamily(family).addGiven(given));
        patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType(birthDate));
        patient.setGender(gender);
        return patient;
    }

    private static ServiceRequest referral(String id, String patient) {
        ServiceRequest request = new ServiceRequest();
        request.setId(id);
        request.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE);
        request.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        request.setSubject(new Reference("Patient/" + patient));
        return request;
    }

    private static Task task(String id, String focus, String patient, Task.TaskStatus status, String authoredOn) {
        Task task = new Task();
        task.setId(id);
        task.setStatus(status);
        task.setIntent(Task.TaskIntent.ORDER);
        if (focus != null) {
            task.setFocus(new Reference("ServiceRequest/" + focus));
        }
        task.setFor(new Reference("Patient/" + patient));
        task.setAuthoredOnElement(new org.hl7.fhir.r4.model.DateTimeType(authoredOn));
        return task;
    }
}
