package org.peerbridge.mapping.population;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerbridge.mapping.report.ScoreObservations.score;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.junit.jupiter.api.Test;
import org.peerbridge.mapping.directory.PeerSupportService;
import org.peerbridge.mapping.outcome.Instrument;
import org.peerbridge.mapping.outcome.ScoreBand;
import org.peerbridge.mapping.outcome.TimePoint;
import org.peerbridge.mapping.population.Participant.Ending;
import org.peerbridge.mapping.report.ReferralCourse;

/** A stored course becomes a participant by the progress report's rules. */
class ParticipantsTest {

    @Test
    void aCourseGivesItsDatesSessionsScoresAndStrata() {
        Task requested = task(TaskStatus.REQUESTED, "2026-01-05T09:00:00Z");
        Task accepted = task(TaskStatus.ACCEPTED, "2026-01-07T09:00:00Z");
        Task inProgress = task(TaskStatus.INPROGRESS, "2026-01-12T09:00:00Z");
        ReferralCourse course = new ReferralCourse(referral(), inProgress, List.of(requested, accepted, inProgress),
                List.of(session("s1", "2026-01-12T10:00:00Z", Encounter.EncounterStatus.FINISHED),
                        session("s2", "2026-01-19T10:00:00Z", Encounter.EncounterStatus.CANCELLED)),
                List.of(), List.of(),
                List.of(score("b", "2026-01-10T09:00:00Z", 15, ScoreBand.PHQ9_MODERATELY_SEVERE),
                        score("f", "2026-02-11T09:00:00Z", 7, ScoreBand.PHQ9_MILD),
                        score("late", "2026-02-24T09:00:00Z", 6, ScoreBand.PHQ9_MILD)),
                List.of(), List.of());

        Participant p = Participants.of(course, Optional.of(LocalDate.of(1990, 6, 1)), "north-hospital").orElseThrow();

        assertEquals(LocalDate.of(2026, 1, 5), p.referred());
        assertEquals(Optional.of(LocalDate.of(2026, 1, 7)), p.accepted());
        assertEquals(Optional.of(LocalDate.of(2026, 1, 12)), p.firstSession());
        assertEquals(Ending.OPEN, p.ending());
        assertEquals(1, p.attended());
        assertEquals(50, p.minutes());
        assertEquals(Map.of(TimePoint.BASELINE, 15, TimePoint.DAY_30, 7), p.scores().get(Instrument.PHQ_9),
                "the score 45 days after baseline is in no window");
        assertEquals("peer-support-group", p.stratum(Stratifier.SERVICE_TYPE));
        assertEquals(PeerSupportService.INDIVIDUAL_VIDEO.code(), p.stratum(Stratifier.DELIVERY_MODE));
        assertEquals("north-hospital", p.stratum(Stratifier.REFERRING_ORGANIZATION));
        assertEquals("35-44", p.stratum(Stratifier.AGE_BAND));
    }

    @Test
    void aDeclinedReferralKeepsOnlyItsCodedReason() {
        Task rejected = task(TaskStatus.REJECTED, "2026-01-06T09:00:00Z");
        rejected.setStatusReason(new CodeableConcept().setText("Jane Doe has moved away"));
        Participant uncoded = Participants.of(course(rejected), Optional.empty(), "org").orElseThrow();
        assertEquals(Ending.DECLINED, uncoded.ending());
        assertEquals(Optional.of(EngagementFunnel.NOT_CODED), uncoded.endReason());
        assertEquals(Stratifier.UNKNOWN, uncoded.stratum(Stratifier.AGE_BAND));
        assertTrue(uncoded.accepted().isEmpty());

        rejected.getStatusReason().addCoding(new Coding("http://example.org/reasons", "out-of-area", null));
        assertEquals(Optional.of("out-of-area"), Participants.of(course(rejected), Optional.empty(), "org").orElseThrow().endReason());
    }

    @Test
    void aReferralEnteredInErrorIsNoParticipant() {
        assertTrue(Participants.of(course(task(TaskStatus.ENTEREDINERROR, "2026-01-06T09:00:00Z")), Optional.empty(), "org").isEmpty());
    }

    private static ReferralCourse course(Task task) {
        return new ReferralCourse(referral(), task, List.of(task), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    private static ServiceRequest referral() {
        ServiceRequest referral = new ServiceRequest().setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE)
                .setIntent(ServiceRequest.ServiceRequestIntent.ORDER).setSubject(new Reference("Patient/p1"));
        referral.setId("r1");
        referral.setAuthoredOnElement(new DateTimeType("2026-01-05T08:00:00Z"));
        referral.addPerformer(new Reference("HealthcareService/peer-support-group"));
        return referral;
    }

    private static Task task(TaskStatus status, String modified) {
        Task task = new Task().setStatus(status).setIntent(Task.TaskIntent.ORDER);
        task.setId("t1");
        task.setLastModifiedElement(new DateTimeType(modified));
        return task;
    }

    private static Encounter session(String id, String start, Encounter.EncounterStatus status) {
        Encounter session = new Encounter().setStatus(status)
                .setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "VR", "virtual"));
        session.setId(id);
        session.setServiceType(PeerSupportService.INDIVIDUAL_VIDEO.toCodeableConcept());
        DateTimeType begin = new DateTimeType(start);
        session.getPeriod().setStartElement(begin);
        DateTimeType end = new DateTimeType(begin.getValue());
        end.add(java.util.Calendar.MINUTE, 50);
        session.getPeriod().setEndElement(end);
        session.addBasedOn(new Reference("ServiceRequest/r1"));
        return session;
    }
}
