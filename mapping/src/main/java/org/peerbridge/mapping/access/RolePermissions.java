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
 * action                                                        PROGRAM  REFERRER  ADMIN
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
 * read                                                           all      derived from its referrals, and the directory
 * audit trail, client management                                 no       no        yes
 * </pre>
 * ADMIN is the operator's client: it acts for the program and may also manage clients and read the audit.
 * "own" is enforced by organization visibility (another organization's resource does not exist for the caller).
 */
public final class RolePermissions {

    /** What only the program records or manages; a referrer only reads it. */
    public static final Set<String> PROGRAM_ONLY_TYPES = Set.of("Encounter", "Procedure", "QuestionnaireResponse", "Observation",
            "Flag", "DiagnosticReport", "Composition", "HealthcareService", "Location", "Questionnaire", "StructureDefinition",
            "ValueSet", "CodeSystem", "OperationDefinition", "SearchParameter");

    /** The Task statuses with which a referrer cancels its own referral. */
    private static final Set<TaskStatus> REFERRER_TASK_STATUSES = EnumSet.of(TaskStatus.CANCELLED, TaskStatus.ENTEREDINERROR);

    private RolePermissions() {
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
