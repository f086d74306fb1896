package org.peerbridge.server.referral;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Identifier;
import org.peerbridge.server.storage.ReadScope;
import org.peerbridge.server.storage.StoredVersion;
import org.peerbridge.server.storage.UnitOfWork;

/**
 * SQL for the referral tables: identifiers that make intake idempotent (per organization: the same identifier
 * sent by two organizations names two referrals, and neither learns of the other's), and the one-to-one link from a
 * referral to its fulfilment Task (a primary key, so a second Task cannot commit).
 */
public final class ReferralTables {

    /** The referral the caller's organization sent with this identifier, if any. */
    public Optional<String> referralByIdentifier(UnitOfWork uow, Identifier identifier) throws SQLException {
        if (!identifier.hasValue()) {
            return Optional.empty();
        }
        try (PreparedStatement ps = uow.connection().prepareStatement(
                "SELECT service_request_id FROM referral_identifier_by_org WHERE organization = ? AND ident_system = ? AND ident_value = ?")) {
            ps.setString(1, ReadScope.current().claimant());
            ps.setString(2, system(identifier));
            ps.setString(3, identifier.getValue());
            return firstString(ps);
        }
    }

    public void rememberIdentifiers(UnitOfWork uow, String referralId, List<Identifier> identifiers) throws SQLException {
        try (PreparedStatement ps = uow.connection().prepareStatement(
                "INSERT INTO referral_identifier_by_org (organization, ident_system, ident_value, service_request_id) VALUES (?, ?, ?, ?)")) {
            for (Identifier identifier : identifiers) {
                if (identifier.hasValue()) {
                    ps.setString(1, ReadScope.current().claimant());
                    ps.setString(2, system(identifier));
                    ps.setString(3, identifier.getValue());
                    ps.setString(4, referralId);
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }

    public void forgetIdentifiers(UnitOfWork uow, String referralId) throws SQLException {
        try (PreparedStatement ps = uow.connection().prepareStatement(
                "DELETE FROM referral_identifier_by_org WHERE service_request_id = ?")) {
            ps.setString(1, referralId);
            ps.executeUpdate();
        }
    }

    public Optional<String> taskOfReferral(UnitOfWork uow, String referralId) throws SQLException {
        try (PreparedStatement ps = uow.connection().prepareStatement(
                "SELECT task_id FROM referral_task WHERE service_request_id = ?")) {
            ps.setString(1, referralId);
            return firstString(ps);
        }
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
        try (PreparedStatement ps = uow.connection().prepareStatement(
                "INSERT INTO referral_task (service_request_id, task_id) VALUES (?, ?)")) {
            ps.setString(1, referralId);
            ps.setString(2, taskId);
            ps.executeUpdate();
        }
    }

    public Optional<String> intakeResponse(UnitOfWork uow, String referralId) throws SQLException {
        try (PreparedStatement ps = uow.connection().prepareStatement(
                "SELECT response_body FROM referral_intake WHERE service_request_id = ?")) {
            ps.setString(1, referralId);
            return firstString(ps);
        }
    }

    public void rememberIntakeResponse(UnitOfWork uow, String referralId, String responseBody) throws SQLException {
        try (PreparedStatement ps = uow.connection().prepareStatement(
                "INSERT INTO referral_intake (service_request_id, response_body) VALUES (?, ?)")) {
            ps.setString(1, referralId);
            ps.setString(2, responseBody);
            ps.executeUpdate();
        }
    }

    private static String system(Identifier identifier) {
        return identifier.hasSystem() ? identifier.getSystem() : "";
    }

    private static Optional<String> firstString(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }
}
