package org.peerbridge.server.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.peerbridge.server.storage.ReadScope;
import org.peerbridge.server.storage.Jdbc;
import org.peerbridge.server.support.QueryPlans;
import org.peerbridge.server.support.TestDatabase;

/**
 * The searches a write and an EHR make most often are answered from a few index entries, however many
 * resources are stored: H2's own plan (EXPLAIN ANALYZE) of the SQL {@link SearchSql} builds reads no
 * more than a handful of rows of any table, in a store of {@value #PATIENTS} patients and referrals
 * split between two organizations. A plan that scans a type or an organization reads hundreds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchSqlPlanTest {

    private static final int PATIENTS = 400;

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private final SearchRequestParser parser = new SearchRequestParser(SearchParameterRegistry.standard(FHIR), FHIR);
    private TestDatabase.Opened opened;

    @BeforeAll
    void storePatientsAndReferrals() throws SQLException {
        opened = TestDatabase.open();
        List<Object[]> resources = new ArrayList<>();
        List<Object[]> tokens = new ArrayList<>();
        List<Object[]> references = new ArrayList<>();
        List<Object[]> access = new ArrayList<>();
        for (int i = 0; i < PATIENTS; i++) {
            String patient = "p" + i;
            String referral = "s" + i;
            String organization = "Organization/hospital-" + (i % 2);
            resources.add(new Object[] {"Patient", patient, (long) i});
            resources.add(new Object[] {"ServiceRequest", referral, (long) i});
            tokens.add(new Object[] {"Patient", patient, "identifier", "urn:mrn", "m" + i});
            tokens.add(new Object[] {"ServiceRequest", referral, "status", "http://hl7.org/fhir/request-status", "active"});
            references.add(new Object[] {referral, patient});
            access.add(new Object[] {"Patient", patient, organization});
            access.add(new Object[] {"ServiceRequest", referral, organization});
        }
        try (Connection c = opened.database().dataSource().getConnection()) {
            Jdbc.batch(c, "INSERT INTO resource (res_type, res_id, version, last_updated, deleted, method, body) VALUES (?, ?, 1, ?, FALSE, 'POST', '{}')", resources, row -> row);
            Jdbc.batch(c, "INSERT INTO idx_token VALUES (?, ?, ?, ?, ?)", tokens, row -> row);
            Jdbc.batch(c, "INSERT INTO idx_reference VALUES ('ServiceRequest', ?, 'subject', 'Patient', ?)", references, row -> row);
            Jdbc.batch(c, "INSERT INTO access_scope VALUES (?, ?, ?)", access, row -> row);
            Jdbc.update(c, "ANALYZE");
        }
    }

    @AfterAll
    void close() throws Exception {
        opened.close();
    }

    @Test
    void theConditionalCreateLookupReadsOneIdentifierEntry() throws SQLException {
        SearchSql.Query query = new SearchSql(parse("Patient", "identifier", "urn:mrn|m17")).ids(2);
        assertEquals(List.of("p17"), ids(query));
        assertReadsAFewRows(query);
    }

    @Test
    void anOrganizationsReferenceSearchProbesItsAccessRowsOncePerMatch() throws SQLException {
        try (ReadScope.Binding ignored = ReadScope.bind(new ReadScope("Organization/hospital-1", Set.of(), type -> true))) {
            SearchSql.Query visible = new SearchSql(parse("ServiceRequest", "subject", "Patient/p17")).count();
            assertEquals(List.of("1"), ids(visible));
            assertReadsAFewRows(visible);
            assertEquals(List.of("0"), ids(new SearchSql(parse("ServiceRequest", "subject", "Patient/p18")).count()));
        }
    }

    @Test
    void theMrnChainIsOneIndexedLookupAndStaysInsideTheCallersOrganization() throws SQLException {
        SearchRequest chain = parse("ServiceRequest", "subject:Patient.identifier", "urn:mrn|m17");
        try (ReadScope.Binding ignored = ReadScope.bind(new ReadScope("Organization/hospital-1", Set.of(), type -> true))) {
            SearchSql.Query query = new SearchSql(chain).ids(10);
            assertEquals(List.of("s17"), ids(query));
            assertReadsAFewRows(query);
        }
        try (ReadScope.Binding ignored = ReadScope.bind(new ReadScope("Organization/hospital-0", Set.of(), type -> true))) {
            assertEquals(List.of("0"), ids(new SearchSql(chain).count()), "hospital-0 does not reach hospital-1's patient");
        }
    }

    @Test
    void aSecondCriterionThatEveryResourceMeetsIsCheckedPerMatchNotScanned() throws SQLException {
        SearchRequest request = parser.parse("ServiceRequest", java.util.Map.of("subject", new String[] {"Patient/p17"},
                "status", new String[] {"active"}));
        SearchSql.Query page = new SearchSql(request).page(List.of(), 10, 0);
        try (Connection c = opened.database().dataSource().getConnection()) {
            assertEquals(List.of("s17"), Jdbc.queryList(c, page.sql(), row -> row.getString(2), page.args().toArray()));
        }
        assertReadsAFewRows(page);
    }

    @Test
    void aSearchWithoutAStartingCriterionReadsOnlyTheCallersOrganization() throws SQLException {
        try (ReadScope.Binding ignored = ReadScope.bind(new ReadScope("Organization/hospital-1", Set.of(), type -> true))) {
            SearchSql.Query query = new SearchSql(parse("ServiceRequest", "status:not", "revoked")).count();
            assertEquals(List.of(String.valueOf(PATIENTS / 2)), ids(query));
        }
    }

    private SearchRequest parse(String type, String parameter, String value) {
        return parser.parse(type, java.util.Map.of(parameter, new String[] {value}));
    }

    private List<String> ids(SearchSql.Query query) throws SQLException {
        try (Connection c = opened.database().dataSource().getConnection()) {
            return Jdbc.queryList(c, query.sql(), row -> row.getString(1), query.args().toArray());
        }
    }

    private void assertReadsAFewRows(SearchSql.Query query) throws SQLException {
        String plan;
        try (Connection c = opened.database().dataSource().getConnection()) {
            plan = QueryPlans.analyze(c, query.sql(), query.args().toArray());
        }
        int most = QueryPlans.mostRowsRead(plan);
        assertTrue(most > 0 && most <= 5, "reads at most a few rows of any table:\n" + plan);
    }
}
