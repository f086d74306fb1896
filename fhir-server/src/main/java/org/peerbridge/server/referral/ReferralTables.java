package org.peerbridge.server.referral;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Identifier;
import org.peerbridge.server.storage.Jdbc;
import org.peerbridge.server.storage.ReadScope;
import org.peerbridge.server.storage.StoredVersion;
import org.peerbridge.server.storage.UnitOfWork;
import org.peerbridge.server.transaction.IntakeAnswers;

/**
 * SQL for the referral tables: identifiers that make intake idempotent (per organization: the same identifier
 * sent by two organizations names two referrals, and neither learns of the other's), the one-to-one link from a
 * referral to its fulfilment Task (a primary key, so a second Task cannot commit), and the answers kept for
 * retried intake transactions.
 */
public final class ReferralTables implements IntakeAnswers {

    /** The referral the caller's organization sent with this identifier, if any. */
    public Optional<String> referralByIdentifier(UnitOfWork uow, Identifier identifier) throws SQLException {
        if (!identifier.hasValue()) {
            return Optional.empty();
        }
        return Jdbc.queryOne(uow.connection(), "SELECT service_request_id FROM referral_identifier_by_org"
                + " WHERE organization = ? AND ident_system = ? AND ident_value = ?", row -> row.getString(1),
                ReadScope.current().claimant(), system(identifier), identifier.getValue());
    }

    public void rememberIdentifiers(UnitOfWork uow, String referralId, List<Identifier> identifiers) throws SQLException {
        String organization = ReadScope.current().claimant();
        Jdbc.batch(uow.connection(), "INSERT INTO referral_identifier_by_org (organization, ident_system, ident_value, service_request_id)"
                + " VALUES (?, ?, ?, ?)", identifiers.stream().filter(Identifier::hasValue).toList(),
                identifier -> new Object[] {organization, system(identifier), identifier.getValue(), referralId});
    }

    public void forgetIdentifiers(UnitOfWork uow, String referralId) throws SQLException {
        Jdbc.update(uow.connection(), "DELETE FROM referral_identifier_by_org WHERE service_request_id = ?", referralId);
    }

    public Optional<String> taskOfReferral(UnitOfWork uow, String referralId) throws SQLException {
        return Jdbc.queryOne(uow.connection(), "SELECT task_id FROM referral_task WHERE service_request_id = ?",
                row -> row.getString(1), referralId);
    }

    /**
     * The current row of the referral's fulfilment Task, locked until the transaction ends: what serializes
     * the writes that build on a referral's state (sessions, score time points, safety alerts).
     */
    public Optional<StoredVersion> lockFulfilmentTask(UnitOfWork uow, String referralId) throws SQLException {
        Optional<String> taskId = taskOfReferral(uow, referralId);
        return taskId.isEmpty() ? Optional.empty() : uow.lockCurrentRow("Task", taskId.get());
    }

    public void linkTask(UnitOfWork uow, String referralId, String taskId) throws SQLException {
        Jdbc.update(uow.connection(), "INSERT INTO referral_task (service_request_id, task_id) VALUES (?, ?)", referralId, taskId);
    }

    @Override
    public Optional<String> answerFor(UnitOfWork uow, String referralId) throws SQLException {
        return Jdbc.queryOne(uow.connection(), "SELECT response_body FROM referral_intake WHERE service_request_id = ?",
                row -> row.getString(1), referralId);
    }

    @Override
    public void keep(UnitOfWork uow, String referralId, String responseBody) throws SQLException {
        Jdbc.update(uow.connection(), "INSERT INTO referral_intake (service_request_id, response_body) VALUES (?, ?)",
                referralId, responseBody);
    }

    private static String system(Identifier identifier) {
        return identifier.hasSystem() ? identifier.getSystem() : "";
    }
}
