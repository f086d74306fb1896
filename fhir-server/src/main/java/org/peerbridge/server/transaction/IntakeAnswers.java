package org.peerbridge.server.transaction;

import java.sql.SQLException;
import java.util.Optional;
import org.peerbridge.server.storage.UnitOfWork;

/**
 * Where the answer of a transaction that created a referral is kept, so that a retry of it gets the same
 * answer ({@link IntakeReplay}); the referral layer implements it with its own tables.
 */
public interface IntakeAnswers {

    /** The kept answer of the transaction that created referral {@code referralId}, if any. */
    Optional<String> answerFor(UnitOfWork uow, String referralId) throws SQLException;

    /** Keeps the answer of the transaction that created referral {@code referralId}. */
    void keep(UnitOfWork uow, String referralId, String answer) throws SQLException;
}
