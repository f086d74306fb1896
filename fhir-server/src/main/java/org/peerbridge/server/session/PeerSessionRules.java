package org.peerbridge.server.session;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Encounter;
import org.peerbridge.mapping.rules.RuleViolation;
import org.peerbridge.mapping.session.GroupSessions;
import org.peerbridge.mapping.session.SessionKind;
import org.peerbridge.mapping.session.SessionLifecycle;
import org.peerbridge.mapping.session.SessionRules;
import org.peerbridge.server.referral.ReferralTables;
import org.peerbridge.server.search.StoredSearch;
import org.peerbridge.server.write.RulePhase;
import org.peerbridge.server.write.WriteContext;
import org.peerbridge.server.write.WriteRule;

/**
 * Peer sessions (Encounters) in the writing transaction: checked against their referral, its Task, the
 * peer supporter and the group ({@link SessionRules}, {@link SessionLifecycle}); once stored, an attended
 * session gets its H0038 Procedure and the referral's Task moves. The program-level group Encounter has no
 * effect of its own: each attendee's Encounter has.
 */
public final class PeerSessionRules implements WriteRule {

    private final SessionContextLoader contexts;
    private final ActivityRecorder activities;
    private final ReferralProgress progress;

    public PeerSessionRules(ReferralTables referrals, StoredSearch search, String programOrganization) {
        this.contexts = new SessionContextLoader(referrals, search, programOrganization);
        this.activities = new ActivityRecorder(search);
        this.progress = new ReferralProgress(referrals);
    }

    @Override
    public Set<String> types() {
        return Set.of("Encounter");
    }

    @Override
    public RulePhase phase() {
        return RulePhase.LIFECYCLE;
    }

    @Override
    public List<RuleViolation> check(WriteContext write) throws SQLException {
        Encounter session = (Encounter) write.resource();
        List<RuleViolation> violations = new ArrayList<>(write.before()
                .map(previous -> SessionLifecycle.checkChange((Encounter) previous, session))
                .orElseGet(() -> SessionLifecycle.checkNew(session)));
        violations.addAll(SessionRules.check(session, contexts.load(write.uow(), session)));
        return violations;
    }

    /**
     * The Procedure of an attended session (withdrawn with a session recorded by mistake), and the Task move
     * when what happened has changed.
     */
    @Override
    public void after(WriteContext write) throws SQLException {
        Encounter session = (Encounter) write.resource();
        if (GroupSessions.isGroupSession(session)) {
            return;
        }
        Optional<SessionKind> before = write.before().flatMap(previous -> SessionKind.of((Encounter) previous));
        SessionKind kind = SessionKind.of(session).orElseThrow(); // the rules admit only the session statuses
        String activity = switch (kind) {
            case ATTENDED -> activities.record(write, session);
            case ENTERED_IN_ERROR -> activities.withdraw(write, session).orElse(null);
            default -> null;
        };
        if (before.isEmpty() || before.get() != kind) {
            progress.report(write, session, kind, activity);
        }
    }
}
