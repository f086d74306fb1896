package org.peerbridge.mapping.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerbridge.mapping.session.SessionExamples.attendedIndividual;
import static org.peerbridge.mapping.session.SessionExamples.context;
import static org.peerbridge.mapping.session.SessionExamples.contextWith;
import static org.peerbridge.mapping.session.SessionExamples.groupAttendee;
import static org.peerbridge.mapping.session.SessionExamples.groupSession;
import static org.peerbridge.mapping.session.SessionExamples.minutes;
import static org.peerbridge.mapping.session.SessionExamples.peerRole;
import static org.peerbridge.mapping.session.SessionExamples.period;
import static org.peerbridge.mapping.session.SessionExamples.plannedIndividual;
import static org.peerbridge.mapping.session.SessionExamples.task;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Encounter.EncounterStatus;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.peerbridge.mapping.codes.CodeSystems;
import org.peerbridge.mapping.rules.RuleViolation;

class SessionRulesTest {

    @Test
    void validSessionsPass() {
        assertEquals(List.of(), SessionRules.check(attendedIndividual(), context()));
        assertEquals(List.of(), SessionRules.check(plannedIndividual(), context()));
        assertEquals(List.of(), SessionRules.check(NoShow.record(plannedIndividual()), context()));
        assertEquals(List.of(), SessionRules.check(groupSession(), context()));
        assertEquals(List.of(), SessionRules.check(groupAttendee(), context()));
    }

    @ParameterizedTest
    @EnumSource(value = TaskStatus.class, names = {"ACCEPTED", "INPROGRESS", "ONHOLD"})
    void sessionsAreRecordedWhileTheProgramWorksOnTheReferral(TaskStatus status) {
        assertEquals(List.of(), SessionRules.check(attendedIndividual(), contextWith(task(status), List.of(peerRole(true)))));
    }

    @ParameterizedTest
    @EnumSource(value = TaskStatus.class, names = {"REQUESTED", "REJECTED", "COMPLETED", "CANCELLED", "FAILED", "ENTEREDINERROR"})
    void theReferralTaskMustBeAcceptedInProgressOrOnHold(TaskStatus status) {
        RuleViolation violation = only(SessionRules.check(attendedIndividual(), contextWith(task(status), List.of(peerRole(true)))));

        assertEquals("Encounter.basedOn[0]", violation.expression());
        assertEquals(IssueType.BUSINESSRULE, violation.code());
        assertTrue(violation.message().contains("'" + status.toCode() + "'"), "names the Task status: " + violation.message());
    }

    @Test
    void aRequestedReferralSaysToAcceptItFirst() {
        RuleViolation violation = only(SessionRules.check(attendedIndividual(), contextWith(task(TaskStatus.REQUESTED), List.of(peerRole(true)))));
        assertEquals("The referral's Task is 'requested'; sessions are recorded while it is 'accepted', 'in-progress' or 'on-hold'"
                + " (accept the referral first)", violation.message());
    }

    /** One broken rule, and where the server must say it is. */
    static Stream<Arguments> brokenRules() {
        return Stream.of(
                brokenEncounter("no basedOn", e -> e.setBasedOn(List.of()), "Encounter.basedOn", IssueType.REQUIRED),
                brokenEncounter("basedOn not a ServiceRequest", e -> e.setBasedOn(List.of(new Reference("CarePlan/cp-1"))),
                        "Encounter.basedOn[0]", IssueType.INVALID),
                brokenEncounter("two referrals", e -> e.addBasedOn(new Reference("ServiceRequest/sr-2")), "Encounter.basedOn[1]", IssueType.BUSINESSRULE),
                brokenContext("referral not found", c -> contextWithout(c, "referral"), "Encounter.basedOn[0]", IssueType.NOTFOUND),
                brokenContext("referral without Task", c -> contextWithout(c, "task"), "Encounter.basedOn[0]", IssueType.BUSINESSRULE),
                brokenEncounter("no subject", e -> e.setSubject(null), "Encounter.subject", IssueType.REQUIRED),
                brokenEncounter("another patient", e -> e.setSubject(new Reference("Patient/p-2")), "Encounter.subject", IssueType.BUSINESSRULE),
                brokenEncounter("no peer supporter", e -> e.getParticipant().clear(), "Encounter.participant", IssueType.REQUIRED),
                brokenEncounter("participant not a practitioner", e -> e.getParticipantFirstRep().setIndividual(new Reference("RelatedPerson/rp-1")),
                        "Encounter.participant", IssueType.REQUIRED),
                brokenContext("inactive peer supporter", c -> withRoles(c, List.of(peerRole(false))),
                        "Encounter.participant[0].individual", IssueType.BUSINESSRULE),
                brokenContext("not a peer specialist", c -> withRoles(c, List.of(notPeer())),
                        "Encounter.participant[0].individual", IssueType.BUSINESSRULE),
                brokenContext("supporter not in the directory", c -> withRoles(c, List.of()),
                        "Encounter.participant[0].individual", IssueType.BUSINESSRULE),
                brokenEncounter("inpatient class", e -> e.setClass_(new Coding(CodeSystems.V3_ACT_CODE, "IMP", "inpatient encounter")),
                        "Encounter.class", IssueType.CODEINVALID),
                brokenEncounter("no session type", e -> e.getType().clear(), "Encounter.type", IssueType.REQUIRED),
                brokenEncounter("unknown session type", e -> e.getTypeFirstRep().getCodingFirstRep().setCode("family"),
                        "Encounter.type[0].coding[0]", IssueType.CODEINVALID),
                brokenEncounter("both session types", e -> e.addType(SessionType.GROUP.toCodeableConcept()).setPartOf(new Reference(SessionExamples.GROUP)),
                        "Encounter.type", IssueType.BUSINESSRULE),
                brokenEncounter("unknown service", e -> e.getServiceType().getCodingFirstRep().setCode("yoga"),
                        "Encounter.serviceType.coding[0]", IssueType.CODEINVALID),
                brokenEncounter("triaged", e -> e.setStatus(EncounterStatus.TRIAGED), "Encounter.status", IssueType.CODEINVALID),
                brokenEncounter("no-show but finished", e -> e.addReasonCode(NoShow.reasonCode()), "Encounter.reasonCode[0]", IssueType.BUSINESSRULE),
                brokenEncounter("end before start", e -> e.setPeriod(period("2025-06-10T15:00:00Z", "2025-06-10T14:59:00Z")).setLength(null),
                        "Encounter.period.end", IssueType.INVALID),
                brokenEncounter("length longer than period", e -> e.setLength(minutes(52)), "Encounter.length", IssueType.BUSINESSRULE),
                brokenEncounter("length in hours", e -> e.getLength().setCode("h").setUnit("h"), "Encounter.length", IssueType.INVALID),
                brokenEncounter("negative length", e -> e.setLength(minutes(-5)), "Encounter.length", IssueType.INVALID),
                brokenEncounter("finished without start", e -> e.setPeriod(period(null, "2025-06-10T15:50:00Z")),
                        "Encounter.period.start", IssueType.REQUIRED),
                brokenEncounter("finished without end or length", e -> e.setPeriod(period("2025-06-10T15:00:00Z", null)).setLength(null),
                        "Encounter.period.end", IssueType.REQUIRED),
                brokenEncounter("another provider", e -> e.setServiceProvider(new Reference("Organization/hospital")),
                        "Encounter.serviceProvider", IssueType.BUSINESSRULE),
                brokenEncounter("individual session partOf", e -> e.setPartOf(new Reference(SessionExamples.GROUP)), "Encounter.partOf", IssueType.BUSINESSRULE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenRules")
    void eachBrokenRuleIsOneLocatedViolation(String name, BiFunction<Encounter, SessionContext, SessionContext> breakIt,
                                             String expression, IssueType code) {
        Encounter encounter = attendedIndividual();
        SessionContext context = breakIt.apply(encounter, context());

        RuleViolation violation = only(SessionRules.check(encounter, context));

        assertEquals(expression, violation.expression());
        assertEquals(code, violation.code());
        assertEquals(RuleViolation.Kind.INVALID, violation.kind(), "every session rule is answered 422");
    }

    @Test
    void lengthMayBeShorterThanThePeriodAndUpToOneMinuteLonger() {
        assertEquals(List.of(), SessionRules.check(attendedIndividual().setLength(minutes(10)), context()));
        assertEquals(List.of(), SessionRules.check(attendedIndividual().setLength(minutes(51)), context()));
        assertEquals("Encounter.length", only(SessionRules.check(attendedIndividual().setLength(minutes(51.5)), context())).expression());
    }

    @Test
    void anAttendedSessionNeedsItsEndOrItsLength() {
        Encounter lengthOnly = attendedIndividual().setPeriod(period("2025-06-10T15:00:00Z", null));
        assertEquals(List.of(), SessionRules.check(lengthOnly, context()));
        Encounter periodOnly = attendedIndividual().setLength(null);
        assertEquals(List.of(), SessionRules.check(periodOnly, context()));
        Encounter plannedWithoutTimes = plannedIndividual().setPeriod(null);
        assertEquals(List.of(), SessionRules.check(plannedWithoutTimes, context()), "only attended sessions must be timed");
    }

    @Test
    void aPractitionerReferenceIsCheckedThroughItsRoles() {
        Encounter encounter = attendedIndividual();
        encounter.getParticipantFirstRep().setIndividual(new Reference("Practitioner/pr-1"));
        assertEquals(List.of(), SessionRules.check(encounter, contextWith(task(TaskStatus.ACCEPTED), List.of(notPeer(), peerRole(true)))));
    }

    @Test
    void theGroupEncounterCarriesNoPatientAndNoNoShow() {
        Encounter group = groupSession();
        group.setSubject(new Reference("Patient/p-1"));
        group.setStatus(EncounterStatus.CANCELLED);
        group.addReasonCode(NoShow.reasonCode());

        List<RuleViolation> violations = SessionRules.check(group, context());

        assertEquals(List.of("Encounter.subject", "Encounter.reasonCode[0]"), violations.stream().map(RuleViolation::expression).toList());
    }

    @Test
    void theGroupEncounterNeedsNoReferral() {
        SessionContext nothingLookedUp = SessionContext.builder().supporterRoles(List.of(peerRole(true))).build();
        assertEquals(List.of(), SessionRules.check(groupSession(), nothingLookedUp));
    }

    static Stream<Arguments> brokenAttendees() {
        return Stream.of(
                Arguments.of("no partOf", (BiFunction<Encounter, SessionContext, SessionContext>) (e, c) -> {
                    e.setPartOf(null);
                    return c;
                }, "Encounter.partOf", IssueType.REQUIRED),
                Arguments.of("partOf not an Encounter", (BiFunction<Encounter, SessionContext, SessionContext>) (e, c) -> {
                    e.setPartOf(new Reference("Group/g-1"));
                    return c;
                }, "Encounter.partOf", IssueType.INVALID),
                Arguments.of("group Encounter not found", (BiFunction<Encounter, SessionContext, SessionContext>) (e, c) ->
                        new SessionContext(c.referral(), c.fulfilmentTask(), c.supporterRoles(), null, c.programOrganization()),
                        "Encounter.partOf", IssueType.NOTFOUND),
                Arguments.of("partOf an individual session", (BiFunction<Encounter, SessionContext, SessionContext>) (e, c) ->
                        new SessionContext(c.referral(), c.fulfilmentTask(), c.supporterRoles(), attendedIndividual(), c.programOrganization()),
                        "Encounter.partOf", IssueType.BUSINESSRULE),
                Arguments.of("attended a cancelled group", (BiFunction<Encounter, SessionContext, SessionContext>) (e, c) -> {
                    Encounter cancelled = groupSession();
                    cancelled.setStatus(EncounterStatus.CANCELLED);
                    return new SessionContext(c.referral(), c.fulfilmentTask(), c.supporterRoles(), cancelled, c.programOrganization());
                }, "Encounter.status", IssueType.BUSINESSRULE),
                Arguments.of("attendee of another patient", (BiFunction<Encounter, SessionContext, SessionContext>) (e, c) -> {
                    e.setSubject(new Reference("Patient/p-9"));
                    return c;
                }, "Encounter.subject", IssueType.BUSINESSRULE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenAttendees")
    void groupAttendeeRules(String name, BiFunction<Encounter, SessionContext, SessionContext> breakIt, String expression, IssueType code) {
        Encounter attendee = groupAttendee();
        SessionContext context = breakIt.apply(attendee, context());

        RuleViolation violation = only(SessionRules.check(attendee, context));

        assertEquals(expression, violation.expression());
        assertEquals(code, violation.code());
    }

    @Test
    void severalBrokenRulesAreAllReported() {
        Encounter encounter = attendedIndividual();
        encounter.setSubject(new Reference("Patient/p-2"));
        encounter.setPeriod(period("2025-06-10T15:00:00Z", "2025-06-10T14:00:00Z"));
        encounter.setClass_(new Coding(CodeSystems.V3_ACT_CODE, "EMER", "emergency"));

        List<String> where = SessionRules.check(encounter, context()).stream().map(RuleViolation::expression).toList();

        // The length is not compared with a period that ends before it starts: one problem, one issue.
        assertEquals(List.of("Encounter.class", "Encounter.period.end", "Encounter.subject"), where);
    }

    @Test
    void lookupsNameWhatTheServerMustRead() {
        SessionLookups individual = SessionLookups.of(attendedIndividual());
        assertEquals(SessionExamples.REFERRAL, individual.referral().orElseThrow());
        assertEquals(SessionExamples.SUPPORTER, individual.peerSupporter().orElseThrow());
        assertTrue(individual.groupSession().isEmpty());

        SessionLookups attendee = SessionLookups.of(groupAttendee());
        assertEquals(SessionExamples.GROUP, attendee.groupSession().orElseThrow());

        SessionLookups group = SessionLookups.of(groupSession());
        assertTrue(group.referral().isEmpty(), "the group Encounter has no referral to look up");
    }

    private static Arguments brokenEncounter(String name, Consumer<Encounter> breakIt, String expression, IssueType code) {
        return Arguments.of(name, (BiFunction<Encounter, SessionContext, SessionContext>) (e, c) -> {
            breakIt.accept(e);
            return c;
        }, expression, code);
    }

    private static Arguments brokenContext(String name, UnaryOperator<SessionContext> breakIt, String expression, IssueType code) {
        return Arguments.of(name, (BiFunction<Encounter, SessionContext, SessionContext>) (e, c) -> breakIt.apply(c), expression, code);
    }

    private static SessionContext contextWithout(SessionContext c, String part) {
        return switch (part) {
            case "referral" -> new SessionContext(null, c.fulfilmentTask(), c.supporterRoles(), c.groupSession(), c.programOrganization());
            case "task" -> new SessionContext(c.referral(), null, c.supporterRoles(), c.groupSession(), c.programOrganization());
            default -> throw new IllegalArgumentException(part);
        };
    }

    private static SessionContext withRoles(SessionContext c, List<PractitionerRole> roles) {
        return new SessionContext(c.referral(), c.fulfilmentTask(), roles, c.groupSession(), c.programOrganization());
    }

    private static PractitionerRole notPeer() {
        PractitionerRole role = peerRole(true);
        role.getCode().clear();
        role.addCode(new CodeableConcept(new Coding(CodeSystems.NUCC_PROVIDER_TAXONOMY, "2084P0800X", "Psychiatry")));
        return role;
    }

    private static RuleViolation only(List<RuleViolation> violations) {
        assertEquals(1, violations.size(), () -> "expected one violation, got " + violations);
        return violations.get(0);
    }
}
