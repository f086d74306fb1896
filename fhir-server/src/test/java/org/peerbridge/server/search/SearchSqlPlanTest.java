package org.peerbridge.server.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.peerbridge.server.storage.ReadScope;
import org.peerbridge.server.storage.Jdbc;
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
    private static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private final SearchRequestParser parser = new SearchRequestParser(SearchParameterRegistry.standard(FHIR), FHIR);
    private TestDatabase.Opened opened;

    @BeforeAll
    void storePatientsAndReferrals() throws SQLException {
        opened = TestDatabase.open();
        try (Connection c = opened.database().dataSource().getConnection();
             PreparedStatement resource = c.prepareStatement("INSERT INTO resource VALUES (?, ?, 1, ?, FALSE, '{}')");
             PreparedStatement token = c.prepareStatement("INSERT INTO idx_token VALUES (?, ?, ?, ?, ?)");
             PreparedStatement reference = c.prepareStatement("INSERT INTO idx_reference VALUES ('ServiceRequest', ?, 'subject', 'Patient', ?)");
             PreparedStatement access = c.prepareStatement("INSERT INTO access_scope VALUES (?, ?, ?)")) {
            for (int i = 0; i < PATIENTS; i++) {
                String patient = "p" + i;
                String referral = "s" + i;
                String organization = "Organization/hospital-" + (i % 2);
                Jdbc.bindAll(resource, List.of("Patient", patient, (long) i));
                resource.addBatch();
                Jdbc.bindAll(resource, List.of("ServiceRequest", referral, (long) i));
                resource.addBatch();
                Jdbc.bindAll(token, List.of("Patient", patient, "identifier", "urn:mrn", "m" + i));
                token.addBatch();
                Jdbc.bindAll(token, List.of("ServiceRequest", referral, "status", "http://hl7.org/fhir/request-status", "active"));
                token.addBatch();
                Jdbc.bindAll(reference, List.of(referral, patient));
                reference.addBatch();
                for (String[] row : new String[][] {{"Patient", patient}, {"ServiceRequest", referral}}) {
                    Jdbc.bindAll(access, List.of(row[0], row[1], organization));
                    access.addBatch();
                }
            }
            resource.executeBatch();
            token.executeBatch();
            reference.executeBatch();
            access.executeBatch();
            c.createStatement().execute("ANALYZE");
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
        try (Connection c = opened.database().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(query.sql())) {
            Jdbc.bindAll(ps, query.args());
            List<String> firstColumn = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    firstColumn.add(rs.getString(1));
                }
            }
            return firstColumn;
        }
    }

    private void assertReadsAFewRows(SearchSql.Query query) throws SQLException {
        try (Connection c = opened.database().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("EXPLAIN ANALYZE " + query.sql())) {
            Jdbc.bindAll(ps, query.args());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                String plan = rs.getString(1);
                Matcher counts = SCAN_COUNT.matcher(plan);
                int most = 0;
                while (counts.find()) {
                    most = Math.max(most, Integer.parseInt(counts.group(1)));
                }
                assertTrue(most > 0 && most <= 5, "reads at most a few rows of any table:\n" + plan);
            }
        }
    }
}
