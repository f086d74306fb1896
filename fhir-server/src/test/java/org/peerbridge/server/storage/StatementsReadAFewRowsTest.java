package org.peerbridge.server.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.peerbridge.server.support.Eventually;
import org.peerbridge.server.support.H2StatementTrace;
import org.peerbridge.server.support.QueryPlans;
import org.peerbridge.server.support.Referrals;
import org.peerbridge.server.support.Reports;
import org.peerbridge.server.support.Responses;
import org.peerbridge.server.support.RunningServer;
import org.peerbridge.server.support.Sessions;
import org.peerbridge.server.support.TestDatabase;

/**
 * A referral's cost does not grow with the store: in a store of {@value #REFERRALS} referrals, every statement the
 * server runs for one more referral's life (intake, triage, a session, a scored questionnaire with a safety alert, the
 * EHR's progress report and MRN search, and the background's derivation of its program figures) reads a few rows of
 * any table, by H2's own plan of the statement as it ran. A statement that scans a type, an organization or a
 * referral's neighbours reads hundreds.
 */
class StatementsReadAFewRowsTest {

    private static final int REFERRALS = 150;
    private static final int WITH_SESSIONS = 30;
    private static final int FEW = 20;

    private static RunningServer server;
    private static IGenericClient hospital;
    private static IGenericClient program;
    private static String supporter;

    @BeforeAll
    static void storeReferrals() throws Exception {
        // The server's own URL turns the trace off (TRACE_LEVEL_FILE=0) whenever its pool opens a connection.
        server = RunningServer.start(TestDatabase.H2, config -> config.withDatabase(config.effectiveDbUrl().replace("TRACE_LEVEL_FILE=0;", ""), null, null));
        hospital = server.clientFor("plans-hospital", "Organization/plans-hospital", "system/*.cruds");
        program = server.client();
        supporter = Sessions.peerSupporter(program, true).practitioner();
        for (int i = 0; i < REFERRALS; i++) {
            Referrals.Sent referral = Referrals.send(hospital);
            if (i < WITH_SESSIONS) {
                attendAndAnswer(Sessions.accept(program, referral), 2);
            }
        }
        try (Connection c = server.jdbc()) {
            waitForTheBackground(c);
        }
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Test
    void everyStatementOfAReferralsLifeReadsAFewRows() throws Exception {
        H2StatementTrace trace = new H2StatementTrace(server.config().dataDir());
        try (Connection c = server.jdbc()) {
            trace.start(c);
            String mrn = Referrals.unique();
            Referrals.Sent referral = Sessions.accept(program, Referrals.send(hospital, Referrals.minimalBundle(mrn, Referrals.unique())));
            attendAndAnswer(referral, 1);
            Bundle report = Reports.progressReport(hospital, referral.requestReference());
            Bundle byMrn = hospital.search().byUrl("ServiceRequest?subject:Patient.identifier=" + Referrals.PATIENT_SYSTEM + "|" + mrn)
                    .returnBundle(Bundle.class).execute();
            waitForTheBackground(c);
            trace.stop(c);

            assertTrue(report.hasEntry(), "the progress report came back");
            assertEquals(1, byMrn.getEntry().size(), "the MRN search finds the referral " + mrn);
            Map<String, String> statements = trace.lastRunOfEach();
            assertTrue(statements.keySet().stream().anyMatch(sql -> sql.startsWith("INSERT INTO program_participant ")),
                    "the trace holds the background's derivation too");
            List<String> scans = new ArrayList<>();
            for (Map.Entry<String, String> statement : statements.entrySet()) {
                if (readsRows(statement.getKey())) {
                    String plan = QueryPlans.analyze(c, statement.getValue());
                    if (QueryPlans.mostRowsRead(plan) > FEW) {
                        scans.add(statement.getKey() + "\n" + plan);
                    }
                }
            }
            assertEquals(List.of(), scans, "statements reading more than " + FEW + " rows of a table");
        }
    }

    /** A session, then a PHQ-9 whose last item (thoughts of self-harm) scores {@code itemNine}: above 0, a safety alert. */
    private static void attendAndAnswer(Referrals.Sent referral, int itemNine) {
        Sessions.record(program, Sessions.attended(referral, supporter));
        program.create().resource(Responses.answered(Responses.PHQ9, referral, "2025-06-10T16:00:00Z", 1, 1, 1, 1, 1, 1, 1, 1, itemNine))
                .execute();
    }

    /** Until the background has derived every referral's program figures. */
    private static void waitForTheBackground(Connection c) {
        Eventually.until("no referral waits for its program figures", () -> {
            try {
                return Jdbc.queryOne(c, "SELECT COUNT(*) FROM program_participant_stale", row -> row.getLong(1)).orElseThrow() == 0;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Statements that look rows up; an INSERT of given values reads none. */
    private static boolean readsRows(String sql) {
        String verb = sql.strip().split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
        return switch (verb) {
            case "SELECT", "UPDATE", "DELETE", "MERGE", "WITH" -> true;
            case "INSERT" -> sql.toUpperCase(Locale.ROOT).contains("SELECT");
            default -> false;
        };
    }
}
