package org.peerbridge.mapping.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerbridge.mapping.report.ScoreObservations.score;

import java.math.BigDecimal;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.peerbridge.mapping.examples.R4Validation;
import org.peerbridge.mapping.outcome.Instrument;
import org.peerbridge.mapping.outcome.ScoreBand;
import org.peerbridge.mapping.outcome.TimePoint;
import org.peerbridge.mapping.session.ActivityProcedureFactory;

/** The report's computations at their edges, and the document it writes (valid R4). */
class ProgressReportDocumentTest {

    @Test
    void changeIsLatestMinusBaselineWithPercentOfTheBaseline() {
        InstrumentProgress p = InstrumentProgress.of(Instrument.PHQ_9, List.of(reading("a", "2025-01-01", 16, ScoreBand.PHQ9_MODERATELY_SEVERE),
                reading("b", "2025-02-01", 10, ScoreBand.PHQ9_MODERATE), reading("c", "2025-04-01", 4, ScoreBand.PHQ9_MINIMAL)),
                Optional.empty());
        assertEquals("Observation/a", p.baseline().orElseThrow().reference());
        assertEquals("Observation/c", p.latest().orElseThrow().reference());
        assertEquals(Optional.of(-12), p.changePoints());
        assertEquals(Optional.of(new BigDecimal("-75.0")), p.changePercent());
        assertEquals(Optional.of(true), p.response());
        assertEquals(Optional.of(true), p.remission());
        assertEquals(List.of(TimePoint.BASELINE, TimePoint.DAY_30, TimePoint.DAY_90), p.readings().stream().map(ScoreReading::timePoint).toList());
    }

    @Test
    void aBaselineOfZeroHasNoPercentAndOneScoreNoChange() {
        InstrumentProgress zero = InstrumentProgress.of(Instrument.GAD_7, List.of(reading("a", "2025-01-01", 0, ScoreBand.GAD7_MINIMAL),
                reading("b", "2025-01-31", 6, ScoreBand.GAD7_MILD)), Optional.empty());
        assertEquals(Optional.of(6), zero.changePoints());
        assertEquals(Optional.empty(), zero.changePercent());
        InstrumentProgress single = InstrumentProgress.of(Instrument.GAD_7, List.of(reading("a", "2025-01-01", 9, ScoreBand.GAD7_MILD)),
                Optional.empty());
        assertTrue(single.baseline().isPresent());
        assertTrue(single.latest().isEmpty() && single.changePoints().isEmpty() && single.response().isEmpty());
    }

    @Test
    void scoresBeforeTheBaselineAreNotTheLatest() {
        // The first session is on 2025-03-01: the assessment on 2025-02-20 is the baseline, the January one is before it.
        InstrumentProgress p = InstrumentProgress.of(Instrument.PHQ_9, List.of(reading("jan", "2025-01-05", 20, ScoreBand.PHQ9_SEVERE),
                reading("feb", "2025-02-20", 12, ScoreBand.PHQ9_MODERATE)), Optional.of(java.time.LocalDate.of(2025, 3, 1)));
        assertEquals("Observation/feb", p.baseline().orElseThrow().reference());
        assertTrue(p.latest().isEmpty(), "nothing after the baseline yet");
    }

    @Test
    void anEmptyCourseMakesAValidDocument() {
        Bundle document = document(new ReferralCourse(referral(), task(), List.of(task()), List.of(), List.of(), List.of(), List.of(), List.of(), List.of()));
        assertEquals(List.of(), R4Validation.errors(document), "errors of the empty report");
        Composition composition = (Composition) document.getEntryFirstRep().getResource();
        assertEquals(4, composition.getSection().size());
        assertEquals(5, composition.getSection().get(3).getSection().size(), "one subsection per instrument");
    }

    @Test
    void aCourseWithScoresMakesAValidDocumentWhoseNumbersAreCoded() {
        Encounter session = new Encounter().setStatus(Encounter.EncounterStatus.FINISHED)
                .setClass_(new org.hl7.fhir.r4.model.Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"));
        session.setId("s1");
        session.getPeriod().setStartElement(new DateTimeType("2025-01-02T10:00:00Z")).setEndElement(new DateTimeType("2025-01-02T11:00:00Z"));
        session.addBasedOn(new Reference("ServiceRequest/r1"));
        session.addParticipant().setIndividual(new Reference("PractitionerRole/role-1"));
        Practitioner supporter = new Practitioner();
        supporter.setId("peer-1");
        supporter.addName().setFamily("Rivera").addGiven("Alex");
        PractitionerRole role = new PractitionerRole().setPractitioner(new Reference("Practitioner/peer-1"));
        role.setId("role-1");
        Bundle document = document(new ReferralCourse(referral(), task(), List.of(task()), List.of(session), List.of(), List.of(),
                List.of(score("a", "2025-01-01T09:00:00Z", 16, ScoreBand.PHQ9_MODERATELY_SEVERE),
                        score("b", "2025-04-01T09:00:00Z", 4, ScoreBand.PHQ9_MINIMAL)), List.of(), List.of(role, supporter)));
        assertEquals(List.of(), R4Validation.errors(document), "errors of the report");
        Observation change = document.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r instanceof Observation o && o.getCode().hasCoding(ReportCodes.MEASURE_SYSTEM, "score-change"))
                .map(Observation.class::cast).findFirst().orElseThrow();
        assertEquals(0, new BigDecimal("-12").compareTo(change.getComponentFirstRep().getValueQuantity().getValue()));
        String text = ((Composition) document.getEntryFirstRep().getResource()).getSection().get(2).getText().getDivAsString();
        assertTrue(text.contains("60 minutes"), text);
        assertTrue(text.contains("<td>2025-01-02</td><td>attended</td><td>60 min</td><td>Alex Rivera</td>"), text);
        assertTrue(document.getEntry().stream().anyMatch(e -> e.getFullUrl().endsWith("/PractitionerRole/role-1")), "the session's participant");
        assertTrue(document.getEntry().stream().anyMatch(e -> e.getFullUrl().endsWith("/Practitioner/peer-1")), "the supporter behind it");
        assertFalse(document.getEntry().stream().anyMatch(e -> !e.getFullUrl().startsWith("https://peerbridge.example.org/fhir/")));
    }

    @Test
    void aSessionRecordedByMistakeCountsForNothing() {
        Encounter attended = session("s1", Encounter.EncounterStatus.FINISHED);
        Encounter mistaken = session("s2", Encounter.EncounterStatus.ENTEREDINERROR);
        Procedure billed = ActivityProcedureFactory.forAttendedSession(attended, "Encounter/s1");
        billed.setId("pr1");
        Procedure withdrawn = ActivityProcedureFactory.forAttendedSession(session("s2", Encounter.EncounterStatus.FINISHED), "Encounter/s2")
                .setStatus(Procedure.ProcedureStatus.ENTEREDINERROR);
        withdrawn.setId("pr2");
        ReferralCourse course = new ReferralCourse(referral(), task(), List.of(task()), List.of(attended, mistaken),
                List.of(billed, withdrawn), List.of(), List.of(), List.of(), List.of());

        SessionSummary summary = ProgressReport.of(course).sessions();

        assertEquals(new SessionSummary(1, 0, 0, 0, 60, 4), summary);
        assertEquals(List.of(billed), course.currentActivities());
    }

    @Test
    void theReportNamesThePatientPutsSafetyFirstAndDatesTheStartByTheFirstSession() {
        Task started = task().setStatus(Task.TaskStatus.INPROGRESS);
        started.setLastModifiedElement(new DateTimeType("2025-03-15T10:00:00Z")); // the session was recorded weeks after it was held
        ServiceRequest referral = referral();
        referral.addIdentifier().setSystem("urn:oid:2.16.840.1.113883.3.7418.1").setValue("REF-77");
        ReferralCourse course = new ReferralCourse(referral, started, List.of(task(), started),
                List.of(session("s1", Encounter.EncounterStatus.FINISHED)), List.of(), List.of(), List.of(), List.of(), List.of());
        Patient patient = new Patient();
        patient.setId("p1");
        patient.addName().setFamily("Rivera").addGiven("Jordan");
        patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1990-04-12"));
        patient.addIdentifier().setSystem("urn:oid:2.16.840.1.113883.4.1").setValue("MRN-5");
        Organization program = new Organization().setName("Program");
        program.setId("program");

        Bundle document = ProgressReportDocument.build(ProgressReport.of(course), patient, program, "https://peerbridge.example.org/fhir",
                UUID.randomUUID().toString(), new Date());

        Composition composition = (Composition) document.getEntryFirstRep().getResource();
        String header = composition.getText().getDivAsString();
        assertTrue(header.contains("Jordan Rivera") && header.contains("1990-04-12") && header.contains("MRN-5") && header.contains("REF-77"),
                header);
        assertTrue(composition.getSectionFirstRep().getCode().hasCoding(ReportCodes.SECTION_SYSTEM, "safety"));
        String timeline = composition.getSection().get(1).getText().getDivAsString();
        assertTrue(timeline.contains("Started (first attended session)</td><td>2025-01-02"), timeline);
        String sessions = composition.getSection().get(2).getText().getDivAsString();
        assertTrue(sessions.contains("<td>2025-01-02</td><td>attended</td><td>60 min</td>"), sessions);
    }

    private static Encounter session(String id, Encounter.EncounterStatus status) {
        Encounter session = new Encounter().setStatus(status)
                .setClass_(new org.hl7.fhir.r4.model.Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"));
        session.setId(id);
        session.getPeriod().setStartElement(new DateTimeType("2025-01-02T10:00:00Z")).setEndElement(new DateTimeType("2025-01-02T11:00:00Z"));
        session.addBasedOn(new Reference("ServiceRequest/r1"));
        session.setSubject(new Reference("Patient/p1"));
        session.addParticipant().setIndividual(new Reference("PractitionerRole/peer-1"));
        return session;
    }

    private static Bundle document(ReferralCourse course) {
        Patient patient = new Patient();
        patient.setId("p1");
        Organization program = new Organization().setName("Program");
        program.setId("program");
        return ProgressReportDocument.build(ProgressReport.of(course), patient, program, "https://peerbridge.example.org/fhir",
                UUID.randomUUID().toString(), new Date());
    }

    private static ServiceRequest referral() {
        ServiceRequest referral = new ServiceRequest().setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE)
                .setIntent(ServiceRequest.ServiceRequestIntent.ORDER).setSubject(new Reference("Patient/p1"));
        referral.setId("r1");
        referral.setAuthoredOnElement(new DateTimeType("2024-12-20T10:00:00Z"));
        return referral;
    }

    private static Task task() {
        Task task = new Task().setStatus(Task.TaskStatus.ACCEPTED).setIntent(Task.TaskIntent.ORDER);
        task.setId("t1");
        task.setLastModifiedElement(new DateTimeType("2024-12-21T10:00:00Z"));
        return task;
    }

    private static ScoreReading reading(String id, String day, int value, ScoreBand band) {
        return ScoreReading.of(score(id, day + "T10:00:00Z", value, band)).orElseThrow();
    }

}
