package org.peerbridge.mapping.report;

import java.util.List;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;

/**
 * Everything stored about one referral that its progress report reads, as the server gathered it for the
 * caller: the referral, its fulfilment Task (now, and every version, oldest first), its session
 * Encounters and their H0038 Procedures, its QuestionnaireResponses and their score Observations, the
 * patient's safety Flags, and the peer supporters the sessions name (their PractitionerRoles and
 * Practitioners, {@link SessionSupporters}).
 */
public record ReferralCourse(ServiceRequest referral, Task task, List<Task> taskVersions, List<Encounter> sessions,
                             List<Procedure> activities, List<QuestionnaireResponse> responses, List<Observation> scores,
                             List<Flag> flags, List<Resource> supporters) {

    public ReferralCourse {
        taskVersions = List.copyOf(taskVersions);
        sessions = List.copyOf(sessions);
        activities = List.copyOf(activities);
        responses = List.copyOf(responses);
        scores = List.copyOf(scores);
        flags = List.copyOf(flags);
        supporters = List.copyOf(supporters);
    }

    /** "ServiceRequest/id" */
    public String referralReference() {
        return "ServiceRequest/" + referral.getIdElement().getIdPart();
    }

    /** The session Procedures that count: not withdrawn with their session (entered-in-error). */
    public List<Procedure> currentActivities() {
        return activities.stream().filter(a -> a.getStatus() != Procedure.ProcedureStatus.ENTEREDINERROR).toList();
    }

    /** The scores that count: not withdrawn (entered-in-error). */
    public List<Observation> currentScores() {
        return scores.stream().filter(s -> s.getStatus() == Observation.ObservationStatus.FINAL
                || s.getStatus() == Observation.ObservationStatus.AMENDED).toList();
    }

    /** The responses that count: not withdrawn. */
    public List<QuestionnaireResponse> currentResponses() {
        return responses.stream().filter(r -> r.getStatus() != QuestionnaireResponse.QuestionnaireResponseStatus.ENTEREDINERROR).toList();
    }

    /** The referral's patient, "Patient/id". */
    public String patientReference() {
        return referral.getSubject().getReference();
    }
}
