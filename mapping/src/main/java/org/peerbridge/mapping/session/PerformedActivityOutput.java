package org.peerbridge.mapping.session;

import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskOutputComponent;
import org.peerbridge.mapping.codes.CodeSystems;
import org.peerbridge.mapping.rules.RuleViolation;

/**
 * Task.output entries for the performed activity, as the SDOH Clinical Care "Task for referral management"
 * profile slices them (slice PerformedActivityReference: type = SDOHCC temporary codes#resulting-activity,
 * valueReference = the Procedure). One entry per session Procedure.
 */
public final class PerformedActivityOutput {

    private PerformedActivityOutput() {
    }

    public static CodeableConcept type() {
        return new CodeableConcept(new Coding(CodeSystems.SDOHCC_TEMPORARY_CODES, SessionCodes.SDOHCC_RESULTING_ACTIVITY,
                SessionCodes.SDOHCC_RESULTING_ACTIVITY_DISPLAY));
    }

    /** Whether Task.output already lists this Procedure as a performed activity. */
    public static boolean has(Task task, String procedureReference) {
        Reference wanted = new Reference(procedureReference);
        return task.getOutput().stream().filter(PerformedActivityOutput::isPerformedActivity)
                .anyMatch(o -> o.getValue() instanceof Reference ref && ReferenceTargets.sameTarget(ref, wanted));
    }

    /** Adds the Procedure as a performed activity; false (and nothing added) when it is listed already. */
    public static boolean add(Task task, String procedureReference) {
        if (has(task, procedureReference)) {
            return false;
        }
        task.addOutput(new TaskOutputComponent(type(), new Reference(procedureReference)));
        return true;
    }

    /** Takes the Procedure out of the performed activities (its session was recorded by mistake). */
    public static void remove(Task task, String procedureReference) {
        Reference withdrawn = new Reference(procedureReference);
        task.getOutput().removeIf(o -> isPerformedActivity(o) && o.getValue() instanceof Reference ref
                && ReferenceTargets.sameTarget(ref, withdrawn));
    }

    /**
     * An update of the Task keeps every performed activity the sessions reported: a client that PUTs a
     * Task it read before a session was recorded (without If-Match) would otherwise erase the
     * activity. A conflict (409): read the Task again and resend.
     */
    public static List<RuleViolation> checkKept(Task before, Task after) {
        List<String> dropped = before.getOutput().stream().filter(PerformedActivityOutput::isPerformedActivity)
                .map(o -> o.getValue() instanceof Reference ref ? ReferenceTargets.target(ref) : null)
                .filter(target -> target != null && !has(after, target)).toList();
        if (dropped.isEmpty()) {
            return List.of();
        }
        return List.of(RuleViolation.conflict("Task.output", "The update leaves out the performed activity "
                + String.join(", ", dropped) + " that recorded sessions added; read the Task again and send it with its output"));
    }

    private static boolean isPerformedActivity(TaskOutputComponent output) {
        return output.getType().getCoding().stream().anyMatch(c -> CodeSystems.SDOHCC_TEMPORARY_CODES.equals(c.getSystem())
                && SessionCodes.SDOHCC_RESULTING_ACTIVITY.equals(c.getCode()));
    }
}
