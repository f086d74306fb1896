package org.peerbridge.server.bulk;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.peerbridge.server.refusal.Refusals;
import org.peerbridge.server.storage.ReadScope;

/**
 * Which resource types an export holds: at system level every served type but Subscription (its channel
 * headers may carry credentials, and it is a client's configuration rather than care data); at Patient and
 * Group level the patient compartment (Patient and the types with a {@code patient} search parameter).
 * Without {@code _type}, all of them the caller's scopes let it read; a {@code _type} naming one the level
 * does not hold is refused (400), one the scopes do not allow is forbidden (403).
 */
final class ExportTypes {

    private final List<String> systemTypes;
    private final List<String> compartmentTypes;

    ExportTypes(List<String> systemTypes, List<String> compartmentTypes) {
        this.systemTypes = List.copyOf(systemTypes);
        this.compartmentTypes = List.copyOf(compartmentTypes);
    }

    List<String> of(ExportLevel level) {
        return level.byPatient() ? compartmentTypes : systemTypes;
    }

    List<String> chosen(ExportLevel level, List<KickOffParameters.Located> asked, ReadScope scope) {
        List<String> offered = of(level);
        if (asked.isEmpty()) {
            List<String> readable = offered.stream().filter(scope::canReadType).toList();
            if (readable.isEmpty()) {
                throw Refusals.forbidden("This token may read none of the types an export holds: " + String.join(", ", offered));
            }
            return readable;
        }
        List<String> chosen = new ArrayList<>();
        for (KickOffParameters.Located type : asked) {
            if (!offered.contains(type.value())) {
                throw Refusals.badRequest(IssueType.NOTSUPPORTED, type.location(), "'" + type.value() + "' is not a type a "
                        + level.code() + "-level export holds; supported: " + String.join(", ", offered));
            }
            if (!scope.canReadType(type.value())) {
                throw Refusals.forbidden("_type " + type.value() + " needs system/" + type.value() + ".r; this token may not read it");
            }
            if (!chosen.contains(type.value())) {
                chosen.add(type.value());
            }
        }
        return chosen;
    }
}
