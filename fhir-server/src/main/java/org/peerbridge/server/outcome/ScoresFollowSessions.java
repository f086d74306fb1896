package org.peerbridge.server.outcome;

import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Encounter;
import org.peerbridge.mapping.session.SessionKind;
import org.peerbridge.server.search.LocalReference;
import org.peerbridge.server.write.RulePhase;
import org.peerbridge.server.write.WriteContext;
import org.peerbridge.server.write.WriteRule;

/**
 * An attended session, or one withdrawn as a mistake, may be (or have been) the referral's first attended
 * one, which places the baseline: the referral's scores are placed again once the session and its effects
 * are stored.
 */
public final class ScoresFollowSessions implements WriteRule {

    private final ScorePlacement placement;

    public ScoresFollowSessions(ScorePlacement placement) {
        this.placement = placement;
    }

    @Override
    public Set<String> types() {
        return Set.of("Encounter");
    }

    @Override
    public RulePhase phase() {
        return RulePhase.FOLLOW_UP;
    }

    @Override
    public void after(WriteContext write) throws SQLException {
        Encounter session = (Encounter) write.resource();
        Optional<SessionKind> kind = SessionKind.of(session);
        boolean movesBaseline = kind.equals(Optional.of(SessionKind.ATTENDED)) || kind.equals(Optional.of(SessionKind.ENTERED_IN_ERROR));
        Optional<LocalReference> referral = LocalReference.parse(session.getBasedOnFirstRep().getReference());
        if (movesBaseline && referral.isPresent()) {
            placement.revise(write, referral.get().id());
        }
    }
}
