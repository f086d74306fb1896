package org.peerbridge.server.security.access;

import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.peerbridge.mapping.access.RolePermissions;
import org.peerbridge.mapping.rules.RuleViolation;
import org.peerbridge.server.refusal.Refusals;
import org.peerbridge.server.write.DeleteContext;
import org.peerbridge.server.write.RulePhase;
import org.peerbridge.server.write.WriteContext;
import org.peerbridge.server.write.WriteRule;

/**
 * Applies {@link RolePermissions} to every create, update and delete of the types it names, whether sent
 * alone or in a Bundle: first of all rules ({@link RulePhase#ACCESS}), so a refused write (403, naming the rule)
 * is judged before any rule reads the content or the referral, and nothing is stored. The server's own
 * versions pass; a delete is judged for everyone, since the fulfilment Task is never deleted.
 */
public final class RoleRule implements WriteRule {

    private static final Set<String> TYPES;

    static {
        Set<String> types = new HashSet<>(RolePermissions.PROGRAM_ONLY_TYPES);
        types.add("Task");
        TYPES = Set.copyOf(types);
    }

    @Override
    public Set<String> types() {
        return TYPES;
    }

    @Override
    public RulePhase phase() {
        return RulePhase.ACCESS;
    }

    /** A type the caller's role may not write at all is refused here, before any other rule prepares anything. */
    @Override
    public void prepare(WriteContext write) {
        if (!write.actor().isServer()) {
            String type = write.resource().fhirType();
            RolePermissions.refuseWriting(write.actor().role(), type).ifPresent(reason -> {
                throw Refusals.fromViolations(List.of(RuleViolation.forbidden(type, reason)), null);
            });
        }
    }

    /** A Task change is judged once the Task's own rules have filled in what the server derives (its business status). */
    @Override
    public List<RuleViolation> check(WriteContext write) {
        if (write.actor().isServer() || !(write.resource() instanceof Task after)) {
            return List.of();
        }
        Task before = (Task) write.before().orElse(null);
        return RolePermissions.refuseTaskChange(write.actor().role(), before, after)
                .map(reason -> List.of(RuleViolation.forbidden("Task.status", reason))).orElse(List.of());
    }

    @Override
    public List<RuleViolation> checkDelete(DeleteContext delete) throws SQLException {
        Optional<Resource> current = delete.uow().read(delete.type(), delete.id());
        if (current.isEmpty()) {
            return List.of();
        }
        return RolePermissions.refuseDeleting(delete.actor().role(), current.get())
                .map(reason -> List.of(RuleViolation.forbidden(delete.type(), reason))).orElse(List.of());
    }
}
