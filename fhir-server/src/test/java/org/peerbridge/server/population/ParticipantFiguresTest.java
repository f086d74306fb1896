package org.peerbridge.server.population;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.peerbridge.mapping.outcome.Instrument;
import org.peerbridge.mapping.outcome.TimePoint;
import org.peerbridge.mapping.population.Participant;
import org.peerbridge.mapping.population.Participant.Ending;
import org.peerbridge.mapping.population.Stratifier;
import org.peerbridge.server.storage.ReadScope;
import org.peerbridge.server.support.Eventually;
import org.peerbridge.server.support.Referrals;
import org.peerbridge.server.support.Responses;
import org.peerbridge.server.support.ServerTest;
import org.peerbridge.server.support.Sessions;

/**
 * The program-outcomes figures kept per referral ({@code program_participant}): a report right after a write reads the
 * referral's row with each kind of change they are derived from, the background derives a written referral's row
 * without a report, a transaction that fails leaves the row as it was and no mark, and a store written before the rows
 * existed gets the same rows, and the same reports, at its next start.
 */
class ParticipantFiguresTest extends ServerTest {

    @Test
    void aReportRightAfterEachChangeReadsIt() throws Exception {
        IGenericClient program = server.client();
        Sessions.Supporter supporter = Sessions.peerSupporter(program, true);
        Referrals.Sent referral = Sessions.acceptedReferral(program);
        assertTrue(kept(referral).accepted().isPresent());
        assertEquals(Ending.OPEN, kept(referral).ending());

        IdType response = create(program, Responses.answered(Responses.PHQ9, referral, "2025-06-09T10:00:00Z", 2, 2, 2, 2, 2, 2, 2, 2, 0));
        assertEquals(Optional.of(16), kept(referral).score(Instrument.PHQ_9, TimePoint.BASELINE));

        Encounter session = Sessions.record(program, Sessions.attended(referral, supporter.role()));
        assertEquals(1, kept(referral).attended());
        assertEquals(45, kept(referral).minutes());
        assertEquals("individual-in-person", kept(referral).stratum(Stratifier.DELIVERY_MODE));

        program.update().resource(session.setLength(Sessions.minutes(30))).execute();
        assertEquals(30, kept(referral).minutes(), "a corrected session");

        QuestionnaireResponse withdrawn = program.read().resource(QuestionnaireResponse.class).withId(response).execute();
        program.update().resource(withdrawn.setStatus(QuestionnaireResponseStatus.ENTEREDINERROR)).execute();
        assertEquals(Optional.empty(), kept(referral).score(Instrument.PHQ_9, TimePoint.BASELINE), "a withdrawn response");

        Patient patient = program.read().resource(Patient.class).withId(new IdType(referral.patientReference())).execute();
        program.update().resource(patient.setBirthDateElement(new DateType("1950-01-01"))).execute();
        assertEquals(Stratifier.ageBand(LocalDate.of(1950, 1, 1), kept(referral).referred()), kept(referral).stratum(Stratifier.AGE_BAND));

        Task task = Sessions.task(program, referral);
        task.setStatus(Task.TaskStatus.CANCELLED).setStatusReason(new CodeableConcept(new Coding("http://example.org/reasons", "moved-away", null)).setText("Moved away"));
        program.update().resource(task).execute();
        assertEquals(Ending.CANCELLED, kept(referral).ending());
        assertEquals(Optional.of("moved-away"), kept(referral).endReason());
    }

    @Test
    void theBackgroundDerivesAWrittenReferralsRowWithoutAReport() throws Exception {
        IGenericClient program = server.client();
        Sessions.Supporter supporter = Sessions.peerSupporter(program, true);
        Referrals.Sent referral = Sessions.acceptedReferral(program);
        Sessions.record(program, Sessions.attended(referral, supporter.role()));

        awaitNoMarks(referral);
        assertEquals(1, ParticipantJson.read(row(referral)).attended());
    }

    @Test
    void theBackgroundDerivesTheOthersWhileAReferralsTaskIsLocked() throws Exception {
        List<Referrals.Sent> derived = twoDerivedReferrals();
        Referrals.Sent busy = derived.get(0);
        Referrals.Sent free = derived.get(1);
        try (Connection writer = server.jdbc(); var lock = writer.prepareStatement(
                "SELECT version FROM resource WHERE res_type = 'Task' AND res_id = ? FOR UPDATE")) {
            writer.setAutoCommit(false); // a write to the busy referral in flight
            lock.setString(1, busy.task().getIdElement().getIdPart());
            lock.executeQuery().close();
            mark(busy, free);

            awaitNoMarks(free);
            assertEquals(1, marks(busy), "left for later while its Task is locked, not waited for");
            writer.rollback();
        }
        awaitNoMarks(busy);
    }

    @Test
    void aReferralThatCannotBeDerivedHoldsBackNoOther() throws Exception {
        List<Referrals.Sent> derived = twoDerivedReferrals();
        Referrals.Sent broken = derived.get(0);
        Referrals.Sent sound = derived.get(1);
        String body = referralBody(broken);
        try {
            setReferralBody(broken, "{\"resourceType\":\"ServiceRequest\",\"status\":42}");
            mark(broken, sound);

            awaitNoMarks(sound);
            assertEquals(1, marks(broken), "kept marked until it can be derived");
        } finally {
            setReferralBody(broken, body);
        }
        awaitNoMarks(broken);
    }

    @Test
    void aTransactionThatFailsLeavesTheRowAsItWasAndNoMark() throws Exception {
        IGenericClient program = server.client();
        Sessions.Supporter supporter = Sessions.peerSupporter(program, true);
        Referrals.Sent referral = Sessions.acceptedReferral(program);
        awaitNoMarks(referral);
        String before = row(referral);

        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        transaction.addEntry().setResource(Sessions.attended(referral, supporter.role()))
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Encounter");
        Observation pointingNowhere = new Observation().setStatus(Observation.ObservationStatus.FINAL)
                .setCode(new CodeableConcept(new Coding("http://loinc.org", "44261-6", null)));
        pointingNowhere.setSubject(new Reference("Patient/not-stored-" + Referrals.unique()));
        transaction.addEntry().setResource(pointingNowhere).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
        assertThrows(BaseServerResponseException.class, () -> program.transaction().withBundle(transaction).execute());

        assertEquals(0, marks(referral));
        assertEquals(before, row(referral));
        assertEquals(0, kept(referral).attended());
    }

    @Test
    void aStoreWrittenBeforeTheRowsGetsTheSameRowsAndReportsAtItsNextStart() throws Exception {
        String run = Referrals.unique();
        IGenericClient program = server.client();
        IGenericClient north = server.clientFor("figures-north-" + run, "Organization/north-" + run, "system/*.cruds");
        Sessions.Supporter supporter = Sessions.peerSupporter(program, true);
        for (int i = 0; i < 12; i++) {
            Referrals.Sent referral = Referrals.send(north);
            Task accepted = referral.task().copy().setStatus(Task.TaskStatus.ACCEPTED);
            referral = new Referrals.Sent(referral.request(), (Task) program.update().resource(accepted).execute().getResource());
            create(program, Responses.answered(Responses.PHQ9, referral, "2025-06-09T10:00:00Z", 2, 2, 2, 2, 2, 2, 2, 2, i % 2));
            Sessions.record(program, i % 4 == 0 ? Sessions.noShow(referral, supporter.role()) : Sessions.attended(referral, supporter.role()));
            create(program, Responses.answered(Responses.PHQ9, referral, "2025-09-08T10:00:00Z", 1, 1, 1, 1, 1, 1, i % 3, 0, 0));
        }
        String asProgram = outcomes(program, "?stratifier=age-band,delivery-mode,referring-organization");
        String asNorth = outcomes(north, "?stratifier=service-type&periodStart=2020-01-01&periodEnd=2099-12-31");
        Map<String, String> rows = rows(); // as the reports derived them

        try (Connection c = server.jdbc(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM program_participant");
            s.execute("DELETE FROM program_participant_backfill");
        }
        server.restart();

        assertEquals(rows, rows());
        assertEquals(asProgram, outcomes(server.client(), "?stratifier=age-band,delivery-mode,referring-organization"));
        IGenericClient northAgain = server.clientFor("figures-north-again-" + run, "Organization/north-" + run, "system/*.cruds");
        assertEquals(asNorth, outcomes(northAgain, "?stratifier=service-type&periodStart=2020-01-01&periodEnd=2099-12-31"));
    }

    @Test
    void aStartAfterTheBackfillLooksAtNoReferral() throws Exception {
        Referrals.Sent referral = Referrals.send(server.clientFor("figures-later-" + Referrals.unique(), "Organization/later", "system/*.cruds"));
        String referralId = referral.request().getIdElement().getIdPart();
        Eventually.until("the background derived the new referral's row", () -> hasRow(referral));
        try (Connection c = server.jdbc(); var lose = c.prepareStatement("DELETE FROM program_participant WHERE referral_id = ?")) {
            lose.setString(1, referralId);
            assertEquals(1, lose.executeUpdate());
        }
        server.restart();

        assertNull(row(referral), "the start read the backfill's record, not the referrals: it did not look for this row");
        try (Connection c = server.jdbc()) {
            new StaleMarks().mark(c, List.of(referralId));
        }
        Eventually.until("a marked referral gets its row back from the background", () -> hasRow(referral));
    }

    @Test
    void aReportDerivesOnlyTheMarkedReferralsItsCallerSees() throws Exception {
        String run = Referrals.unique();
        String north = "Organization/north-" + run;
        String fromNorth = Referrals.send(server.clientFor("marks-north-" + run, north, "system/*.cruds")).request().getIdElement().getIdPart();
        String fromSouth = Referrals.send(server.clientFor("marks-south-" + run, "Organization/south-" + run, "system/*.cruds"))
                .request().getIdElement().getIdPart();
        StaleMarks marks = new StaleMarks();
        try (Connection c = server.jdbc()) {
            c.setAutoCommit(false); // marks left uncommitted: the background cannot derive them away while they are read
            marks.mark(c, List.of(fromNorth, fromSouth));
            assertEquals(List.of(fromNorth), marks.referrals(c, 0, new ReadScope(north, Set.of(), type -> true)),
                    "north's report waits for north's referrals, never for south's writes");
            assertTrue(marks.referrals(c, 0, ReadScope.EVERYTHING).containsAll(List.of(fromNorth, fromSouth)), "the program's for all");
            c.rollback();
        }
    }

    private static IdType create(IGenericClient client, QuestionnaireResponse response) {
        return (IdType) client.create().resource(response).execute().getId().toVersionless();
    }

    /** The referral's figures as a report reads them: the report first derives whatever is still marked stale. */
    private static Participant kept(Referrals.Sent referral) throws SQLException {
        outcomes(server.client(), "");
        return ParticipantJson.read(row(referral));
    }

    private static void awaitNoMarks(Referrals.Sent referral) throws Exception {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (marks(referral) > 0) {
            assertTrue(System.nanoTime() < giveUp, "the background left the referral marked stale");
            Thread.sleep(50);
        }
    }

    /** Two accepted referrals, their figures derived and no mark left. */
    private static List<Referrals.Sent> twoDerivedReferrals() throws Exception {
        IGenericClient program = server.client();
        List<Referrals.Sent> referrals = List.of(Sessions.acceptedReferral(program), Sessions.acceptedReferral(program));
        for (Referrals.Sent referral : referrals) {
            awaitNoMarks(referral);
        }
        return referrals;
    }

    /** Marks the referrals stale in one committed transaction, the first one's mark the oldest. */
    private static void mark(Referrals.Sent... referrals) throws SQLException {
        try (Connection c = server.jdbc()) {
            new StaleMarks().mark(c, Arrays.stream(referrals).map(r -> r.request().getIdElement().getIdPart()).toList());
        }
    }

    private static String referralBody(Referrals.Sent referral) throws SQLException {
        try (Connection c = server.jdbc(); var read = c.prepareStatement(
                "SELECT body FROM resource WHERE res_type = 'ServiceRequest' AND res_id = ?")) {
            read.setString(1, referral.request().getIdElement().getIdPart());
            try (var result = read.executeQuery()) {
                result.next();
                return result.getString(1);
            }
        }
    }

    private static void setReferralBody(Referrals.Sent referral, String body) throws SQLException {
        try (Connection c = server.jdbc(); var write = c.prepareStatement(
                "UPDATE resource SET body = ? WHERE res_type = 'ServiceRequest' AND res_id = ?")) {
            write.setString(1, body);
            write.setString(2, referral.request().getIdElement().getIdPart());
            assertEquals(1, write.executeUpdate());
        }
    }

    private static int marks(Referrals.Sent referral) throws SQLException {
        try (Connection c = server.jdbc(); var read = c.prepareStatement("SELECT COUNT(*) FROM program_participant_stale WHERE referral_id = ?")) {
            read.setString(1, referral.request().getIdElement().getIdPart());
            try (var result = read.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    private static boolean hasRow(Referrals.Sent referral) {
        try {
            return row(referral) != null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String row(Referrals.Sent referral) throws SQLException {
        try (Connection c = server.jdbc(); var read = c.prepareStatement("SELECT figures FROM program_participant WHERE referral_id = ?")) {
            read.setString(1, referral.request().getIdElement().getIdPart());
            try (var result = read.executeQuery()) {
                return result.next() ? result.getString(1) : null;
            }
        }
    }

    /** Every kept row, by referral: patient, period day, listing order and figures. */
    private static Map<String, String> rows() throws SQLException {
        Map<String, String> rows = new LinkedHashMap<>();
        try (Connection c = server.jdbc(); Statement s = c.createStatement();
             var result = s.executeQuery("SELECT referral_id, patient_id, period_day, listed, figures FROM program_participant ORDER BY referral_id")) {
            while (result.next()) {
                rows.put(result.getString(1), result.getString(2) + " " + result.getLong(3) + " " + result.getLong(4) + " " + result.getString(5));
            }
        }
        return rows;
    }

    /** The report as JSON, without what differs between two runs over the same data (its id and date). */
    private static String outcomes(IGenericClient client, String query) {
        MeasureReport report = client.fetchResourceFromUrl(MeasureReport.class, server.baseUrl() + "/$program-outcomes" + query);
        report.setId((String) null);
        report.setDateElement(null);
        return server.fhir().newJsonParser().encodeResourceToString(report);
    }
}
