package org.peerbridge.server.outcome;

import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Flag;
import org.peerbridge.mapping.rules.RuleViolation;
import org.peerbridge.mapping.safety.FlagClosure;
import org.peerbridge.server.write.RulePhase;
import org.peerbridge.server.write.WriteContext;
import org.peerbridge.server.write.WriteRule;

/** A safety Flag closes only with a reason, and the server stamps when and by whom ({@link FlagClosure}). */
public final class SafetyFlagRules implements WriteRule {

    @Override
    public Set<String> types() {
        return Set.of("Flag");
    }

    @Override
    public RulePhase phase() {
        return RulePhase.LIFECYCLE;
    }

    @Override
    public void prepare(WriteContext write) {
        if (write.before().orElse(null) instanceof Flag previous && FlagClosure.isSafetyFlag(previous)) {
            FlagClosure.stampClosure(previous, (Flag) write.resource(), write.now());
        }
    }

    @Override
    public List<RuleViolation> check(WriteContext write) {
        if (write.before().orElse(null) instanceof Flag previous && FlagClosure.isSafetyFlag(previous)) {
            return FlagClosure.checkChange(previous, (Flag) write.resource());
        }
        return List.of();
    }
}
