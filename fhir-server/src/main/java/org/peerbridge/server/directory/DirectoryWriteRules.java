package org.peerbridge.server.directory;

import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Resource;
import org.peerbridge.mapping.directory.DirectoryRules;
import org.peerbridge.mapping.rules.RuleViolation;
import org.peerbridge.server.write.RulePhase;
import org.peerbridge.server.write.WriteContext;
import org.peerbridge.server.write.WriteRule;

/**
 * The program directory's own entries, peer supporter roles and peer support services, meet
 * {@link DirectoryRules} on every create and update. Other roles and services (a referring clinician's
 * role, say) keep the base R4 rules only.
 */
public final class DirectoryWriteRules implements WriteRule {

    @Override
    public Set<String> types() {
        return Set.of("PractitionerRole", "HealthcareService");
    }

    @Override
    public RulePhase phase() {
        return RulePhase.LIFECYCLE;
    }

    @Override
    public List<RuleViolation> check(WriteContext write) {
        Resource resource = write.resource();
        if (resource instanceof PractitionerRole role && DirectoryRules.isPeerSupporterRole(role)) {
            return DirectoryRules.checkPeerSupporterRole(role);
        }
        if (resource instanceof HealthcareService service && DirectoryRules.isPeerSupportService(service)) {
            return DirectoryRules.checkPeerSupportService(service);
        }
        return List.of();
    }
}
