package org.peerbridge.mapping.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.validation.SingleValidationMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.peerbridge.mapping.examples.ExampleFiles;
import org.peerbridge.mapping.examples.R4Validation;
import org.peerbridge.mapping.referral.BusinessStatus;
import org.peerbridge.mapping.rules.RuleViolation;

/**
 * fixtures/examples/sessions against the rules, with the context a server would look up: the directory
 * bundle for peer supporters, one accepted referral per {{srN.id}} for {{patientN.id}}, and the group
 * Encounter. The expected locations here are the table in docs/sessions.md.
 */
class SessionExamplesFilesTest {

    /** invalid/ file -> the locations SessionRules reports for it. */
    private static final Map<String, List<String>> EXPECTED = Map.ofEntries(
            Map.entry("missing-based-on.json", List.of("Encounter.basedOn")),
            Map.entry("subject-not-the-referral-patient.json", List.of("Encounter.subject")),
            Map.entry("end-before-start.json", List.of("Encounter.period.end")),
            Map.entry("length-longer-than-period.json", List.of("Encounter.length")),
            Map.entry("inactive-peer-supporter.json", List.of("Encounter.participant[0].individual")),
            Map.entry("inpatient-class.json", List.of("Encounter.class")),
            Map.entry("no-show-not-cancelled.json", List.of("Encounter.reasonCode[0]")),
            Map.entry("attendee-without-part-of.json", List.of("Encounter.partOf")),
            Map.entry("finished-without-duration.json", List.of("Encounter.period.end")),
            Map.entry("length-not-in-minutes.json", List.of("Encounter.length")),
            Map.entry("session-for-requested-referral.json", List.of("Encounter.basedOn[0]")),
            Map.entry("triaged-status.json", List.of("Encounter.status")));

    /** Sent while the referral's Task is still requested; every other example runs against an accepted one. */
    private static final String FOR_REQUESTED_REFERRAL = "session-for-requested-referral.json";

    private static Map<String, PractitionerRole> directoryRoles;
    private static Encounter groupSession;

    @BeforeAll
    static void lookUpWhatAServerWould() {
        Bundle directory = ExampleFiles.parse(ExampleFiles.root().resolve("directory/directory-bundle.json"), Bundle.class);
        directoryRoles = directory.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(PractitionerRole.class::isInstance).map(PractitionerRole.class::cast)
                .collect(Collectors.toMap(r -> "PractitionerRole/" + r.getIdElement().getIdPart(), Function.identity()));
        groupSession = encounter("valid/group-session.json");
        groupSession.setId("Encounter/" + ExampleFiles.sampleValue("group.id"));
    }

    @TestFactory
    Stream<DynamicTest> validSessionsPassTheRules() {
        return ExampleFiles.jsonFiles("sessions/valid").stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            Encounter encounter = ExampleFiles.parse(file, Encounter.class);
            assertEquals(List.of(), R4Validation.errors(encounter), "valid R4");
            assertEquals(List.<RuleViolation>of(), SessionRules.check(encounter, contextFor(encounter, TaskStatus.ACCEPTED)));
        }));
    }

    @TestFactory
    Stream<DynamicTest> invalidSessionsBreakOneRuleEach() {
        List<Path> files = ExampleFiles.jsonFiles("sessions/invalid");
        assertEquals(EXPECTED.keySet(), files.stream().map(f -> f.getFileName().toString()).collect(Collectors.toSet()),
                "every invalid example has its expected answer, here and in docs/sessions.md");
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            String name = file.getFileName().toString();
            Encounter encounter = ExampleFiles.parse(file, Encounter.class);
            TaskStatus taskStatus = FOR_REQUESTED_REFERRAL.equals(name) ? TaskStatus.REQUESTED : TaskStatus.ACCEPTED;

            List<String> where = SessionRules.check(encounter, contextFor(encounter, taskStatus)).stream()
                    .map(RuleViolation::expression).toList();

            assertEquals(EXPECTED.get(name), where);
            List<SingleValidationMessage> baseErrors = R4Validation.errors(encounter);
            if ("end-before-start.json".equals(name)) {
                // Base R4 already refuses it (Period invariant per-1), located at Encounter.period.
                assertEquals(List.of("Encounter.period"), baseErrors.stream().map(SingleValidationMessage::getLocationString).toList());
            } else {
                assertEquals(List.of(), baseErrors, "structurally valid R4: only the session rules refuse it");
            }
        }));
    }

    /** The individual course, in the order an integrator replays it, and what the Task and the activity read after each. */
    @Test
    void theIndividualCourseMovesTheTaskAndCountsUnitsAsDocumented() {
        Task task = SessionExamples.task(TaskStatus.ACCEPTED);
        task.setBusinessStatus(BusinessStatus.ACCEPTED.toCodeableConcept());
        List<String> trail = new ArrayList<>();
        List<Integer> units = new ArrayList<>();
        String[] course = {"individual-session-1-finished.json", "individual-session-2-finished.json",
                "individual-session-3-finished.json", "individual-session-4-planned.json", "no-show.json"};
        int n = 0;
        for (String file : course) {
            Encounter session = encounter("valid/" + file);
            SessionKind kind = SessionKind.of(session).orElseThrow();
            String procedure = null;
            if (kind == SessionKind.ATTENDED) {
                Procedure activity = ActivityProcedureFactory.forAttendedSession(session, "Encounter/e-" + (++n));
                units.add(ActivityProcedureFactory.billingUnits(activity).orElseThrow());
                procedure = "Procedure/p-" + n;
            }
            Optional<Task> next = SessionTaskEffects.updatedTask(task, kind, procedure, new Date());
            task = next.orElse(task);
            trail.add(task.getStatus().toCode() + " " + task.getBusinessStatus().getCodingFirstRep().getCode());
        }
        assertEquals(List.of("in-progress 5.1.4", "in-progress 5.1.4", "in-progress 5.1.4", "in-progress 5.1.1", "in-progress 5.1.2"), trail);
        assertEquals(List.of(3, 2, 1), units, "45 min, 30 min, 22 min");
        assertEquals(3, task.getOutput().size(), "one performed activity per attended session");
    }

    @Test
    void eachGroupAttendeeGetsTheirOwnActivity() {
        List<Integer> units = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Encounter attendee = encounter("valid/group-attendee-" + i + ".json");
            assertTrue(GroupSessions.isAttendee(attendee));
            units.add(ActivityProcedureFactory.billingUnits(ActivityProcedureFactory.forAttendedSession(attendee, "Encounter/a-" + i)).orElseThrow());
        }
        assertEquals(List.of(6, 6, 4), units, "90, 85 and 60 minutes");
        assertTrue(GroupSessions.isGroupSession(groupSession));
        assertTrue(NoShow.isNoShow(encounter("valid/no-show.json")));
    }

    private static Encounter encounter(String path) {
        return ExampleFiles.parse(ExampleFiles.root().resolve("sessions").resolve(path), Encounter.class);
    }

    /** What the server would look up: the referral {{srN.id}} is for {{patientN.id}}; its Task has the given status. */
    private static SessionContext contextFor(Encounter encounter, TaskStatus taskStatus) {
        SessionLookups lookups = SessionLookups.of(encounter);
        ServiceRequest referral = lookups.referral().map(SessionExamplesFilesTest::referral).orElse(null);
        List<PractitionerRole> roles = lookups.peerSupporter().map(directoryRoles::get).map(List::of).orElse(List.of());
        Encounter group = lookups.groupSession().filter(ref -> ref.equals(groupSession.getId())).map(ref -> groupSession).orElse(null);
        return SessionContext.builder().referral(referral).fulfilmentTask(referral == null ? null : SessionExamples.task(taskStatus))
                .supporterRoles(roles).groupSession(group).programOrganization("Organization/peerbridge-program").build();
    }

    private static ServiceRequest referral(String reference) {
        // "ServiceRequest/sr1-id" is the referral of "Patient/patient1-id".
        String suffix = reference.substring("ServiceRequest/sr".length());
        ServiceRequest referral = new ServiceRequest();
        referral.setId(reference);
        referral.setSubject(new Reference("Patient/patient" + suffix));
        return referral;
    }
}
