package org.peerbridge.mapping.access;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.peerbridge.mapping.referral.BusinessStatus;
import org.peerbridge.mapping.referral.FulfilmentTask;

/**
 * Who may do what in the referral loop, on top of scopes (which say which types a token may touch) and of
 * organization visibility (which says whose data it sees). The one table, also in docs/security.md:
 * <pre>
 * writes                                                        PROGRAM  REFERRER  ADMIN
 * create a referral (ServiceRequest), update or revoke it        yes      own       yes
 * create the fulfilment Task (status requested)                 yes      own       yes
 * triage and fulfil: Task accepted, rejected, in-progress,      yes      no        yes
 *   on-hold, completed, failed; any business status
 * ask to cancel: Task cancelled or entered-in-error, or         yes      own       yes
 *   business status 5.2 Cancellation Requested
 * delete the fulfilment Task                                     no       no        no
 * record sessions, responses, scores, safety follow-up          yes      no        yes
 *   (Encounter, Procedure, QuestionnaireResponse, Observation,
 *   Flag, DiagnosticReport, Composition)
 * manage the program's directory and catalogue                   yes      no        yes
 *   (HealthcareService, Location, Questionnaire, conformance)
 * Patient, Condition, Consent, Practitioner(Role), Organization, yes      own       yes
 *   Communication, Subscription, Group
 *
 * other interactions ({@link Interaction})
 * read, vread, _history, search with includes                    all      own       all
 * $everything, $progress-report, Subscription $status/$events    all      own       all
 * $program-outcomes, $export                                     all      own       all
 * the program page in the web app (outcomes, funnel)             yes      no        yes
 * $validate (any mode)                                           yes      the types it may write
 * AuditEvent read and search (the audit trail)                    no       no        yes
 * clients and web users (the admin API)                           no       no        yes
 * </pre>
 * "own" is the organization's visibility: a referrer sees its referrals, what derives from them and the shared
 * directory, and another organization's resource does not exist for it (404 on read, absent from searches, an
 * operation on it 404), so no answer differs by whether another organization's data exists. A role refusal
 * depends on the role, the interaction and the type only, never on stored data.
 * ADMIN is the operator: the program's Organization holding the admin scope. It manages clients and users and
 * reads the audit trail; what it may do with patients' data is what its system scopes allow, as the program:
 * an admin client registered with the admin scope alone reads no clinical data.
 */
public final class RolePermissions {

    /** What only the program records or manages; a referrer only reads it. */
    public static final Set<String> PROGRAM_ONLY_TYPES = Set.of("Encounter", "Procedure", "QuestionnaireResponse", "Observation",
            "Flag", "DiagnosticReport", "Composition", "HealthcareService", "Location", "Questionnaire", "StructureDefinition",
            "ValueSet", "CodeSystem", "OperationDefinition", "SearchParameter");

    /** What only the admin reads: the audit trail. */
    public static final Set<String> ADMIN_ONLY_TYPES = Set.of("AuditEvent");

    /** Who the admin is, for the refusals that send a caller to it. */
    private static final String WHO_IS_ADMIN = " (a program client whose token holds peerbridge/admin)";

    /** The Task statuses with which a referrer cancels its own referral. */
    private static final Set<TaskStatus> REFERRER_TASK_STATUSES = EnumSet.of(TaskStatus.CANCELLED, TaskStatus.ENTEREDINERROR);

    private RolePermissions() {
    }

    /**
     * Why {@code role} may not ask for {@code interaction} on {@code type} (null at system level); empty when it may.
     * Exhaustive over {@link Interaction}, so a new interaction cannot go unjudged.
     */
    public static Optional<String> refuseInteraction(Role role, Interaction interaction, String type) {
        if (role == Role.ADMIN) {
            return Optional.empty();
        }
        return switch (interaction) {
            case READ, SEARCH -> type != null && ADMIN_ONLY_TYPES.contains(type)
                    ? Optional.of("admin-only: only the admin reads the audit trail" + WHO_IS_ADMIN) : Optional.empty();
            case VALIDATE -> refuseWriting(role, type);
            case MANAGE_ACCESS -> Optional.of("admin-only: only the admin manages clients and users" + WHO_IS_ADMIN);
            case PROGRAM_PAGE -> role == Role.REFERRER ? Optional.of("program-page: the program's outcomes page is for the program's"
                    + " staff; a referring organization asks $program-outcomes for its own referrals' figures") : Optional.empty();
            case WRITE, EVERYTHING, PROGRESS_REPORT, PROGRAM_OUTCOMES, EXPORT, SUBSCRIPTION_STATUS -> Optional.empty();
        };
    }

    /** Why {@code role} may not create, change or delete a resource of {@code type} at all; empty when it may. */
    public static Optional<String> refuseWriting(Role role, String type) {
        if (role == Role.REFERRER && PROGRAM_ONLY_TYPES.contains(type)) {
            return Optional.of("program-records: only the peer support program may create, change or delete " + type
                    + "; a referrer reads it");
        }
        return Optional.empty();
    }

    /** Why {@code role} may not make this fulfilment Task change ({@code before} null for a new Task); empty when it may. */
    public static Optional<String> refuseTaskChange(Role role, Task before, Task after) {
        if (role != Role.REFERRER || !FulfilmentTask.isFulfilment(after)) {
            return Optional.empty();
        }
        if (before == null) {
            return after.getStatus() == TaskStatus.REQUESTED ? Optional.empty()
                    : Optional.of("program-triages: a referrer creates its fulfilment Task as requested; only the program sets "
                            + after.getStatus().toCode());
        }
        if (before.getStatus() != after.getStatus() && !REFERRER_TASK_STATUSES.contains(after.getStatus())) {
            return Optional.of("program-triages: only the peer support program moves a referral's Task to " + after.getStatus().toCode()
                    + "; a referrer may cancel it (cancelled, entered-in-error) or ask to (business status 5.2)");
        }
        if (before.getStatus() == after.getStatus() && !before.getBusinessStatus().equalsDeep(after.getBusinessStatus())
                && !isCancellationRequest(after)) {
            return Optional.of("program-triages: only the peer support program sets a business status other than 5.2 Cancellation Requested");
        }
        return Optional.empty();
    }

    /** Why nobody may delete this resource; empty when deleting it does not break the loop. */
    public static Optional<String> refuseDeleting(Role role, Resource current) {
        if (current instanceof Task task && FulfilmentTask.isFulfilment(task)) {
            return Optional.of("fulfilment-task-kept: a referral's fulfilment Task is never deleted; cancel the referral"
                    + " (Task cancelled, or ServiceRequest revoked or entered-in-error) instead");
        }
        return refuseWriting(role, current.fhirType());
    }

    private static boolean isCancellationRequest(Task task) {
        for (Coding coding : task.getBusinessStatus().getCoding()) {
            if (BusinessStatus.SYSTEM.equals(coding.getSystem()) && BusinessStatus.CANCELLATION_REQUESTED.code().equals(coding.getCode())) {
                return true;
            }
        }
        return false;
    }
}
