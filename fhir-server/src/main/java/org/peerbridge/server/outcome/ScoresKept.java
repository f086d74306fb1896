package org.peerbridge.server.outcome;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.peerbridge.mapping.rules.RuleViolation;
import org.peerbridge.server.storage.UnitOfWork;
import org.peerbridge.server.write.DeleteContext;
import org.peerbridge.server.write.RulePhase;
import org.peerbridge.server.write.WriteContext;
import org.peerbridge.server.write.WriteRule;

/** A score Observation follows its response: only the server changes it, when the response is amended or withdrawn. */
public final class ScoresKept implements WriteRule {

    private final ScoreIndex index;

    public ScoresKept(ScoreIndex index) {
        this.index = index;
    }

    @Override
    public Set<String> types() {
        return Set.of("Observation");
    }

    @Override
    public RulePhase phase() {
        return RulePhase.SERVER_CONTENT;
    }

    @Override
    public List<RuleViolation> check(WriteContext write) throws SQLException {
        if (write.isCreate() || write.actor().isServer()) {
            return List.of();
        }
        return keepScore(write.uow(), write.resource().getIdElement().getIdPart());
    }

    @Override
    public List<RuleViolation> checkDelete(DeleteContext delete) throws SQLException {
        return keepScore(delete.uow(), delete.id());
    }

    private List<RuleViolation> keepScore(UnitOfWork uow, String observationId) throws SQLException {
        if (index.isScore(uow, observationId)) {
            return List.of(RuleViolation.conflict("Observation", "Observation/" + observationId + " is the score of a"
                    + " QuestionnaireResponse and is kept by the server: amend the response to change it"));
        }
        return List.of();
    }
}
