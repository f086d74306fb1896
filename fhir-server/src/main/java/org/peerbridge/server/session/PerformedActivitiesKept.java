package org.peerbridge.server.session;

import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Task;
import org.peerbridge.mapping.rules.RuleViolation;
import org.peerbridge.mapping.session.PerformedActivityOutput;
import org.peerbridge.server.write.RulePhase;
import org.peerbridge.server.write.WriteContext;
import org.peerbridge.server.write.WriteRule;

/**
 * A client's update of a Task keeps every performed activity that recorded sessions added to its output
 * ({@link PerformedActivityOutput#checkKept}). The server itself takes out the activity of a session recorded
 * by mistake.
 */
public final class PerformedActivitiesKept implements WriteRule {

    @Override
    public Set<String> types() {
        return Set.of("Task");
    }

    @Override
    public RulePhase phase() {
        return RulePhase.SERVER_CONTENT;
    }

    @Override
    public List<RuleViolation> check(WriteContext write) {
        if (write.isCreate() || write.actor().isServer()) {
            return List.of();
        }
        return PerformedActivityOutput.checkKept((Task) write.before().orElseThrow(), (Task) write.resource());
    }
}
