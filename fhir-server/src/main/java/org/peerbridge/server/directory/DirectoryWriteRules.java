package org.peerbridge.server.directory;

import java.util.List;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Resource;
import org.peerbridge.mapping.directory.DirectoryRules;
import org.peerbridge.mapping.rules.RuleViolation;
import org.peerbridge.server.storage.UnitOfWork;
import org.peerbridge.server.write.WriteRules;

/**
 * The program directory's own entries, peer supporter roles and peer support services, meet
 * {@link DirectoryRules} on every create and update. Other roles and services (a referring clinician's
 * role, say) keep the base R4 rules only.
 */
public final class DirectoryWriteRules implements WriteRules {

    @Override
    public List<RuleViolation> checkCreate(UnitOfWork uow, Resource incoming) {
        return check(incoming);
    }

    @Override
    public List<RuleViolation> checkUpdate(UnitOfWork uow, Resource before, Resource after) {
        return check(after);
    }

    private static List<RuleViolation> check(Resource resource) {
        if (resource instanceof PractitionerRole role && DirectoryRules.isPeerSupporterRole(role)) {
            return DirectoryRules.checkPeerSupporterRole(role);
        }
        if (resource instanceof HealthcareService service && DirectoryRules.isPeerSupportService(service)) {
            return DirectoryRules.checkPeerSupportService(service);
        }
        return List.of();
    }
}
