package org.peerbridge.server.security.scope;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.peerbridge.mapping.access.RolePermissions;

/**
 * Which permission each interaction needs, in one table: every request is checked against it before a
 * provider runs, and anything the table does not name is refused. A new operation is covered by adding
 * its name to {@link #OPERATIONS}.
 */
public final class ScopeRules {

    /**
     * What an interaction needs: the admin scope, nothing (public), or any one of some permissions on a type,
     * plus reading the other types whose resources its answer is made of (an operation that shows a referral's
     * scores needs Observation.r, or it would show what the token's scopes hide).
     */
    public record Requirement(boolean publicAccess, boolean admin, Set<Permission> anyOf, List<String> alsoReads) {
        static Requirement permission(Permission first, Permission... more) {
            return new Requirement(false, false, EnumSet.of(first, more), List.of());
        }

        Requirement alsoReading(String... types) {
            return new Requirement(publicAccess, admin, anyOf, List.of(types));
        }

        public boolean metBy(ScopeSet scopes, String type) {
            return unmetBy(scopes, type).isEmpty();
        }

        /** What these scopes lack for the interaction on a type, e.g. "system/Task.r or system/*.r", "and"-joined; empty when met. */
        public String unmetBy(ScopeSet scopes, String type) {
            if (publicAccess) {
                return "";
            }
            if (admin || adminType(type)) {
                return scopes.admin() ? "" : Scope.ADMIN;
            }
            List<String> unmet = new ArrayList<>();
            if (anyOf.stream().noneMatch(p -> type == null ? scopes.allowsEveryType(p) : scopes.allows(type, p))) {
                unmet.add(anyOf.stream().map(p -> scope(type, p)).collect(Collectors.joining(" or ")));
            }
            alsoReads.stream().filter(other -> !scopes.allows(other, Permission.READ)).map(other -> scope(other, Permission.READ))
                    .forEach(unmet::add);
            return String.join(" and ", unmet);
        }

        private static String scope(String type, Permission permission) {
            return "system/" + (type == null ? "*" : type) + '.' + permission.letter();
        }
    }

    private static boolean adminType(String type) {
        // the admin's types (the audit trail) need the scope that makes the admin, whatever the system scopes say
        return type != null && RolePermissions.ADMIN_ONLY_TYPES.contains(type);
    }

    private static final Requirement PUBLIC = new Requirement(true, false, Set.of(), List.of());

    private static final Map<RestOperationTypeEnum, Requirement> INTERACTIONS = Map.ofEntries(
            Map.entry(RestOperationTypeEnum.METADATA, PUBLIC),
            Map.entry(RestOperationTypeEnum.READ, Requirement.permission(Permission.READ)),
            Map.entry(RestOperationTypeEnum.VREAD, Requirement.permission(Permission.READ)),
            Map.entry(RestOperationTypeEnum.HISTORY_INSTANCE, Requirement.permission(Permission.READ)),
            Map.entry(RestOperationTypeEnum.SEARCH_TYPE, Requirement.permission(Permission.SEARCH)),
            Map.entry(RestOperationTypeEnum.HISTORY_TYPE, Requirement.permission(Permission.SEARCH)),
            Map.entry(RestOperationTypeEnum.HISTORY_SYSTEM, Requirement.permission(Permission.SEARCH)),
            Map.entry(RestOperationTypeEnum.SEARCH_SYSTEM, Requirement.permission(Permission.SEARCH)),
            Map.entry(RestOperationTypeEnum.CREATE, Requirement.permission(Permission.CREATE)),
            Map.entry(RestOperationTypeEnum.UPDATE, Requirement.permission(Permission.UPDATE)),
            Map.entry(RestOperationTypeEnum.PATCH, Requirement.permission(Permission.UPDATE)),
            Map.entry(RestOperationTypeEnum.DELETE, Requirement.permission(Permission.DELETE)),
            Map.entry(RestOperationTypeEnum.VALIDATE, Requirement.permission(Permission.CREATE, Permission.UPDATE)),
            // Each entry of a Bundle is checked on its own (TransactionProcessor); the Bundle itself needs nothing more.
            Map.entry(RestOperationTypeEnum.TRANSACTION, PUBLIC),
            Map.entry(RestOperationTypeEnum.BATCH, PUBLIC));

    /** Operations by name (without "$"), on the type they are invoked on; system-level ones need the permission on every type. */
    private static final Map<String, Requirement> OPERATIONS = Map.of(
            "validate", Requirement.permission(Permission.CREATE, Permission.UPDATE),
            "everything", Requirement.permission(Permission.READ),
            // a progress report shows the referral's Task, patient, sessions and their Procedures, responses, scores and flags
            "progress-report", Requirement.permission(Permission.READ).alsoReading("Task", "Patient", "Encounter", "Procedure",
                    "QuestionnaireResponse", "Observation", "Flag"),
            // system level: read on every type, since the report is made of referrals, Tasks, sessions, scores and patients
            "program-outcomes", Requirement.permission(Permission.READ),
            // a Bulk Data kick-off: read on the type it is sent to (Patient, Group), on every type at system level;
            // the export then holds only the types the token may read
            "export", Requirement.permission(Permission.READ),
            "status", Requirement.permission(Permission.READ),
            "events", Requirement.permission(Permission.READ));

    private ScopeRules() {
    }

    /** The requirement of an interaction; empty when nothing allows it (an operation without a rule). */
    public static Optional<Requirement> of(RestOperationTypeEnum interaction, String operationName) {
        if (interaction == RestOperationTypeEnum.EXTENDED_OPERATION_TYPE || interaction == RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE
                || interaction == RestOperationTypeEnum.EXTENDED_OPERATION_SERVER) {
            return Optional.ofNullable(operationName == null ? null : OPERATIONS.get(operationName.replaceFirst("^\\$", "")));
        }
        return Optional.ofNullable(INTERACTIONS.get(interaction));
    }

    /** The requirement of one Bundle entry, by its HTTP method (GET with a query is a search). */
    public static Requirement forEntry(String method, boolean search) {
        return switch (method) {
            case "GET" -> Requirement.permission(search ? Permission.SEARCH : Permission.READ);
            case "POST" -> Requirement.permission(Permission.CREATE);
            case "PUT", "PATCH" -> Requirement.permission(Permission.UPDATE);
            case "DELETE" -> Requirement.permission(Permission.DELETE);
            default -> throw new IllegalArgumentException("no rule for " + method);
        };
    }

    /** What reading an included resource of a type needs. */
    public static Requirement forInclude() {
        return Requirement.permission(Permission.READ);
    }
}
