package org.peerbridge.mapping.referral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.junit.jupiter.api.Test;
import org.peerbridge.mapping.rules.RuleViolation;

class OpenReferralTest {

    private static final Set<TaskStatus> OPEN = EnumSet.of(TaskStatus.INPROGRESS, TaskStatus.ACCEPTED);

    @Test
    void aTaskInAnOpenStatusLetsTheRecordThrough() {
        assertTrue(OpenReferral.check(new Task().setStatus(TaskStatus.INPROGRESS), OPEN, "notes", "X.basedOn[0]").isEmpty());
    }

    @Test
    void aRequestedTaskSaysWhichStatusesWouldDoAndToAcceptFirst() {
        RuleViolation refused = OpenReferral.check(new Task().setStatus(TaskStatus.REQUESTED), OPEN, "notes", "X.basedOn[0]").orElseThrow();
        assertEquals("X.basedOn[0]", refused.expression());
        assertEquals("The referral's Task is 'requested'; notes are recorded while it is 'accepted' or 'in-progress'"
                + " (accept the referral first)", refused.message());
    }

    @Test
    void anotherClosedStatusIsNamed() {
        assertEquals("The referral's Task is 'cancelled'; notes are recorded while it is 'accepted' or 'in-progress'",
                OpenReferral.check(new Task().setStatus(TaskStatus.CANCELLED), OPEN, "notes", "X").orElseThrow().message());
    }

    @Test
    void noTaskMeansNotAccepted() {
        assertTrue(OpenReferral.check(null, OPEN, "notes", "X").orElseThrow().message().contains("has not accepted it"));
    }
}
