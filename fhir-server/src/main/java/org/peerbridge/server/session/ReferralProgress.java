package org.peerbridge.server.session;

import java.sql.SQLException;
import java.util.Optional;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Task;
import org.peerbridge.mapping.session.SessionKind;
import org.peerbridge.mapping.session.SessionTaskEffects;
import org.peerbridge.server.referral.ReferralTables;
import org.peerbridge.server.search.LocalReference;
import org.peerbridge.server.write.WriteContext;

/**
 * Moves the referral's fulfilment Task after a session, in the session's own transaction: each real
 * change ({@link SessionTaskEffects}) is one new Task version, so an EHR sees it in _history and by
 * _lastUpdated; when the Task already reads that way nothing is written.
 */
final class ReferralProgress {

    private final ReferralTables referrals;

    ReferralProgress(ReferralTables referrals) {
        this.referrals = referrals;
    }

    /**
     * @param activity the attended session's Procedure ("Procedure/id") for Task.output, or null
     */
    void report(WriteContext write, Encounter session, SessionKind kind, String activity) throws SQLException {
        String referralId = LocalReference.parse(session.getBasedOnFirstRep().getReference()).orElseThrow().id();
        Optional<String> taskId = referrals.taskOfReferral(write.uow(), referralId);
        if (taskId.isPresent()) {
            write.server().update(Task.class, taskId.get(), task -> SessionTaskEffects.updatedTask(task, kind, activity, write.now()));
        }
    }
}
