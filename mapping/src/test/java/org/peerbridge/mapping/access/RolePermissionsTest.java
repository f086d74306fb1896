package org.peerbridge.mapping.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.junit.jupiter.api.Test;
import org.peerbridge.mapping.referral.BusinessStatus;
import org.peerbridge.mapping.referral.FulfilmentTask;

class RolePermissionsTest {

    @Test
    void onlyTheProgramRecordsSessionsResponsesAndFollowUp() {
        for (String type : new String[] {"Encounter", "QuestionnaireResponse", "Observation", "Flag", "HealthcareService"}) {
            assertTrue(RolePermissions.refuseWriting(Role.REFERRER, type).isPresent(), type);
            assertFalse(RolePermissions.refuseWriting(Role.PROGRAM, type).isPresent(), type);
            assertFalse(RolePermissions.refuseWriting(Role.ADMIN, type).isPresent(), type);
        }
        for (String type : new String[] {"ServiceRequest", "Patient", "Task", "Subscription", "Practitioner"}) {
            assertFalse(RolePermissions.refuseWriting(Role.REFERRER, type).isPresent(), type);
        }
    }

    @Test
    void aReferrerRequestsAndCancelsButNeverTriages() {
        Task requested = task(TaskStatus.REQUESTED, BusinessStatus.CREATED);
        assertFalse(RolePermissions.refuseTaskChange(Role.REFERRER, null, requested).isPresent());
        assertTrue(RolePermissions.refuseTaskChange(Role.REFERRER, null, task(TaskStatus.ACCEPTED, BusinessStatus.ACCEPTED)).isPresent());
        for (TaskStatus status : new TaskStatus[] {TaskStatus.ACCEPTED, TaskStatus.REJECTED, TaskStatus.INPROGRESS, TaskStatus.ONHOLD,
                TaskStatus.COMPLETED, TaskStatus.FAILED}) {
            Task after = task(status, BusinessStatus.CREATED);
            assertTrue(RolePermissions.refuseTaskChange(Role.REFERRER, requested, after).orElseThrow().startsWith("program-triages"), status.toCode());
            assertFalse(RolePermissions.refuseTaskChange(Role.PROGRAM, requested, after).isPresent(), status.toCode());
        }
        assertFalse(RolePermissions.refuseTaskChange(Role.REFERRER, requested, task(TaskStatus.CANCELLED, BusinessStatus.FULFILLMENT_CANCELLED)).isPresent());
        assertFalse(RolePermissions.refuseTaskChange(Role.REFERRER, requested, task(TaskStatus.REQUESTED, BusinessStatus.CANCELLATION_REQUESTED)).isPresent());
        assertTrue(RolePermissions.refuseTaskChange(Role.REFERRER, requested, task(TaskStatus.REQUESTED, BusinessStatus.ACCEPTED)).isPresent());
    }

    @Test
    void nobodyDeletesTheFulfilmentTask() {
        for (Role role : Role.values()) {
            assertTrue(RolePermissions.refuseDeleting(role, task(TaskStatus.REQUESTED, BusinessStatus.CREATED)).orElseThrow()
                    .startsWith("fulfilment-task-kept"), role.name());
        }
        assertTrue(RolePermissions.refuseDeleting(Role.REFERRER, new Encounter()).isPresent());
        assertFalse(RolePermissions.refuseDeleting(Role.PROGRAM, new Encounter()).isPresent());
    }

    @Test
    void onlyTheAdminReadsTheAuditTrailAndManagesAccess() {
        for (Role role : new Role[] {Role.PROGRAM, Role.REFERRER}) {
            assertTrue(RolePermissions.refuseInteraction(role, Interaction.SEARCH, "AuditEvent").orElseThrow().startsWith("admin-only"));
            assertTrue(RolePermissions.refuseInteraction(role, Interaction.MANAGE_ACCESS, null).orElseThrow().startsWith("admin-only"));
        }
        for (Interaction interaction : Interaction.values()) {
            assertFalse(RolePermissions.refuseInteraction(Role.ADMIN, interaction, "AuditEvent").isPresent(), interaction.name());
        }
    }

    @Test
    void everyRoleReadsAndAsksForReportsWhatItSeesAndValidatesWhatItMayWrite() {
        for (Interaction interaction : new Interaction[] {Interaction.READ, Interaction.SEARCH, Interaction.EVERYTHING,
                Interaction.PROGRESS_REPORT, Interaction.PROGRAM_OUTCOMES, Interaction.SUBSCRIPTION_STATUS, Interaction.WRITE}) {
            assertFalse(RolePermissions.refuseInteraction(Role.REFERRER, interaction, "Encounter").isPresent(), interaction.name());
        }
        assertTrue(RolePermissions.refuseInteraction(Role.REFERRER, Interaction.VALIDATE, "Encounter").orElseThrow().startsWith("program-records"));
        assertFalse(RolePermissions.refuseInteraction(Role.REFERRER, Interaction.VALIDATE, "ServiceRequest").isPresent());
        assertFalse(RolePermissions.refuseInteraction(Role.PROGRAM, Interaction.VALIDATE, "Encounter").isPresent());
    }

    @Test
    void theProgramPageIsForTheProgramsStaffOnly() {
        assertTrue(RolePermissions.refuseInteraction(Role.REFERRER, Interaction.PROGRAM_PAGE, null).orElseThrow().startsWith("program-page"));
        assertFalse(RolePermissions.refuseInteraction(Role.PROGRAM, Interaction.PROGRAM_PAGE, null).isPresent());
        assertFalse(RolePermissions.refuseInteraction(Role.ADMIN, Interaction.PROGRAM_PAGE, null).isPresent());
    }

    @Test
    void theAdminScopeMakesAnAdminOfTheProgramsCallersOnly() {
        assertEquals(Role.ADMIN, Role.of("Organization/program", "Organization/program", true));
        assertEquals(Role.PROGRAM, Role.of("Organization/program", "Organization/program", false));
        assertEquals(Role.REFERRER, Role.of("Organization/hospital", "Organization/program", true));
    }

    private static Task task(TaskStatus status, BusinessStatus businessStatus) {
        Task task = new Task();
        task.setStatus(status);
        task.setIntent(Task.TaskIntent.ORDER);
        task.getCode().addCoding().setSystem(FulfilmentTask.TASK_CODE_SYSTEM).setCode(FulfilmentTask.FULFILL);
        task.setFocus(new Reference("ServiceRequest/1"));
        task.setBusinessStatus(businessStatus.toCodeableConcept());
        return task;
    }
}
