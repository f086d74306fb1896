package org.peerbridge.server.transaction;

import java.sql.SQLException;
import java.util.Optional;
import org.hl7.fhir.r4.model.Identifier;
import org.peerbridge.server.storage.UnitOfWork;

/**
 * Where the answer of a transaction that created a referral is kept, so that a retry of it gets the same
 * answer ({@link IntakeReplay}); the referral layer implements it with its own tables.
 */
public interface IntakeAnswers {

    /** The kept answer of the transaction that created the live referral with this identifier, if any. */
    Optional<String> answerFor(UnitOfWork uow, Identifier referralIdentifier) throws SQLException;

    /** Keeps the answer of the transaction that created referral {@code referralId}. */
    void keep(UnitOfWork uow, String referralId, String answer) throws SQLException;
}
