package org.peerbridge.server.session;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.peerbridge.mapping.rules.RuleViolation;
import org.peerbridge.mapping.session.GroupSessions;
import org.peerbridge.mapping.session.PerformedActivityOutput;
import org.peerbridge.mapping.session.SessionKind;
import org.peerbridge.mapping.session.SessionLifecycle;
import org.peerbridge.mapping.session.SessionRules;
import org.peerbridge.server.referral.ReferralTables;
import org.peerbridge.server.search.StoredSearch;
import org.peerbridge.server.storage.UnitOfWork;
import org.peerbridge.server.write.WriteRules;

/**
 * Peer sessions in the writing transaction: an Encounter is checked against its referral, its Task,
 * its peer supporter and its group ({@link SessionRules}, {@link SessionLifecycle}); once stored, an
 * attended session gets its H0038 Procedure and the referral's Task moves. The program-level group
 * Encounter has no effect of its own: each attendee's Encounter has. A later update of the Task
 * keeps the performed activities the sessions added.
 */
public final class SessionWriteRules implements WriteRules {

    private final SessionContextLoader contexts;
    private final ActivityRecorder activities;
    private final ReferralProgress progress;

    public SessionWriteRules(ReferralTables referrals, StoredSearch search, String programOrganization) {
        this.contexts = new SessionContextLoader(referrals, search, programOrganization);
        this.activities = new ActivityRecorder(search);
        this.progress = new ReferralProgress(referrals);
    }

    @Override
    public List<RuleViolation> checkCreate(UnitOfWork uow, Resource incoming) throws SQLException {
        if (incoming instanceof Encounter session) {
            List<RuleViolation> violations = new ArrayList<>(SessionLifecycle.checkNew(session));
            violations.addAll(SessionRules.check(session, contexts.load(uow, session)));
            return violations;
        }
        return List.of();
    }

    @Override
    public void afterCreate(UnitOfWork uow, Resource created) throws SQLException {
        if (created instanceof Encounter session) {
            recordEffects(uow, session, Optional.empty());
        }
    }

    @Override
    public List<RuleViolation> checkUpdate(UnitOfWork uow, Resource before, Resource after) throws SQLException {
        if (after instanceof Encounter session && before instanceof Encounter previous) {
            List<RuleViolation> violations = new ArrayList<>(SessionLifecycle.checkChange(previous, session));
            violations.addAll(SessionRules.check(session, contexts.load(uow, session)));
            return violations;
        }
        if (after instanceof Task task && before instanceof Task previous) {
            return PerformedActivityOutput.checkKept(previous, task);
        }
        return List.of();
    }

    @Override
    public void afterUpdate(UnitOfWork uow, Resource before, Resource after) throws SQLException {
        if (after instanceof Encounter session && before instanceof Encounter previous) {
            recordEffects(uow, session, SessionKind.of(previous));
        }
    }

    /**
     * The Procedure of an attended session (withdrawn with a session recorded by mistake), and the Task move
     * when what happened has changed.
     */
    private void recordEffects(UnitOfWork uow, Encounter session, Optional<SessionKind> before) throws SQLException {
        if (GroupSessions.isGroupSession(session)) {
            return;
        }
        SessionKind kind = SessionKind.of(session).orElseThrow(); // the rules admit only the session statuses
        String activity = switch (kind) {
            case ATTENDED -> activities.record(uow, session);
            case ENTERED_IN_ERROR -> activities.withdraw(uow, session).orElse(null);
            default -> null;
        };
        if (before.isEmpty() || before.get() != kind) {
            progress.report(uow, session, kind, activity);
        }
    }
}
