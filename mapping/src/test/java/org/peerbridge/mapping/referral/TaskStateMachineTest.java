package org.peerbridge.mapping.referral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.peerbridge.mapping.rules.RuleViolation;

class TaskStateMachineTest {

    @ParameterizedTest(name = "{0} -> {1}: allowed={2}")
    @CsvSource({
            "requested, accepted, true", "requested, rejected, true", "requested, cancelled, true",
            "requested, in-progress, false", "requested, completed, false",
            "accepted, in-progress, true", "accepted, completed, false", "accepted, rejected, false",
            "in-progress, on-hold, true", "on-hold, in-progress, true", "in-progress, completed, true",
            "in-progress, failed, true", "on-hold, completed, false",
            "completed, in-progress, false", "rejected, accepted, false", "cancelled, requested, false",
            "requested, entered-in-error, true", "failed, in-progress, false"})
    void transitionsFollowTheReferralLifecycle(String from, String to, boolean allowed) {
        Task before = task(TaskStatus.fromCode(from));
        Task after = task(TaskStatus.fromCode(to));
        after.getStatusReason().setText("reason given");
        List<RuleViolation> violations = TaskStateMachine.checkChange(before, after);
        assertEquals(allowed, violations.isEmpty(), violations.toString());
        if (!allowed) {
            assertEquals(RuleViolation.Kind.CONFLICT, violations.get(0).kind());
            assertEquals("Task.status", violations.get(0).expression());
        }
    }

    @ParameterizedTest
    @CsvSource({"rejected", "cancelled", "on-hold", "failed"})
    void statusesThatNeedAReasonRefuseNone(String status) {
        Task before = task(status.equals("on-hold") ? TaskStatus.INPROGRESS : TaskStatus.REQUESTED);
        List<RuleViolation> violations = TaskStateMachine.checkChange(before, task(TaskStatus.fromCode(status)));
        assertEquals(1, violations.size());
        assertEquals(IssueType.REQUIRED, violations.get(0).code());
        assertEquals("Task.statusReason", violations.get(0).expression());
    }

    @Test
    void focusAndPatientCannotChange() {
        Task before = task(TaskStatus.REQUESTED);
        Task after = task(TaskStatus.REQUESTED);
        after.setFocus(new Reference("ServiceRequest/other"));
        after.setFor(new Reference("Patient/other"));
        List<String> where = TaskStateMachine.checkChange(before, after).stream().map(RuleViolation::expression).toList();
        assertEquals(List.of("Task.focus", "Task.for"), where);
    }

    @Test
    void unknownBseRBusinessStatusIsInvalid() {
        Task after = task(TaskStatus.REQUESTED);
        after.getBusinessStatus().addCoding().setSystem(BusinessStatus.SYSTEM).setCode("9.9");
        List<RuleViolation> violations = TaskStateMachine.checkChange(task(TaskStatus.REQUESTED), after);
        assertEquals(IssueType.CODEINVALID, violations.get(0).code());
        assertEquals("Task.businessStatus.coding[0]", violations.get(0).expression());
    }

    @Test
    void newTasksStartRequestedOrAccepted() {
        assertTrue(TaskStateMachine.checkNew(task(TaskStatus.REQUESTED)).isEmpty());
        assertTrue(TaskStateMachine.checkNew(task(TaskStatus.ACCEPTED)).isEmpty());
        assertEquals("Task.status", TaskStateMachine.checkNew(task(TaskStatus.INPROGRESS)).get(0).expression());
        assertEquals(IssueType.CODEINVALID, TaskStateMachine.checkNew(task(TaskStatus.READY)).get(0).code(),
                "SDOHCC does not use ready");
    }

    @Test
    void finalStatesAllowNothingAfter() {
        for (TaskStatus status : Set.of(TaskStatus.COMPLETED, TaskStatus.REJECTED, TaskStatus.CANCELLED, TaskStatus.FAILED,
                TaskStatus.ENTEREDINERROR)) {
            assertTrue(TaskStateMachine.allowedAfter(status).isEmpty(), status.toCode());
        }
    }

    @Test
    void statusChangesImplyBseRBusinessStatuses() {
        assertEquals(BusinessStatus.ACCEPTED, TaskStateMachine.businessStatusFor(TaskStatus.ACCEPTED).orElseThrow());
        assertEquals(BusinessStatus.DECLINED, TaskStateMachine.businessStatusFor(TaskStatus.REJECTED).orElseThrow());
        assertEquals(BusinessStatus.FULFILLMENT_CANCELLED, TaskStateMachine.businessStatusFor(TaskStatus.CANCELLED).orElseThrow());
        assertEquals(BusinessStatus.FULFILLMENT_COMPLETED, TaskStateMachine.businessStatusFor(TaskStatus.COMPLETED).orElseThrow());
        assertTrue(TaskStateMachine.businessStatusFor(TaskStatus.INPROGRESS).isEmpty());
    }

    private static Task task(TaskStatus status) {
        Task task = new Task();
        task.setStatus(status);
        task.setIntent(Task.TaskIntent.ORDER);
        task.setFocus(new Reference("ServiceRequest/1"));
        task.setFor(new Reference("Patient/1"));
        return task;
    }
}
