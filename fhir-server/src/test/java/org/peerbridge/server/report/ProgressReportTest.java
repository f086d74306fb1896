package org.peerbridge.server.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Composition.SectionComponent;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peerbridge.server.support.Referrals;
import org.peerbridge.server.support.Refusals;
import org.peerbridge.server.support.Reports;
import org.peerbridge.server.support.Responses;
import org.peerbridge.server.support.ServerTest;
import org.peerbridge.server.support.Sessions;

/** ServiceRequest/[id]/$progress-report over HTTP: the document, its numbers as coded entries, refusals and who may ask. */
class ProgressReportTest extends ServerTest {

    private IGenericClient program;
    private Referrals.Sent referral;

    @BeforeEach
    void acceptedReferral() {
        program = server.client();
        referral = Sessions.acceptedReferral(program);
    }

    @Test
    void aCompleteCourseReportsSessionsScoresChangeAndSeverity() {
        Sessions.Supporter supporter = Sessions.peerSupporter(program, true);
        program.create().resource(Responses.answered(Responses.PHQ9, referral, "2025-06-09T10:00:00Z", 2, 2, 2, 2, 2, 2, 2, 2, 0)).execute();
        program.create().resource(Responses.answered(Responses.GAD7, referral, "2025-06-09T10:05:00Z", 2, 2, 2, 2, 2, 1, 1)).execute();
        Sessions.record(program, Sessions.attended(referral, supporter.role()));
        Encounter missed = Sessions.noShow(referral, supporter.role());
        missed.setPeriod(Sessions.period("2025-06-17T15:00:00Z", "2025-06-17T15:50:00Z"));
        Sessions.record(program, missed);
        program.create().resource(Responses.answered(Responses.PHQ9, referral, "2025-09-08T10:00:00Z", 1, 1, 1, 1, 1, 1, 0, 0, 0)).execute();
        program.create().resource(Responses.answered(Responses.GAD7, referral, "2025-09-08T10:05:00Z", 1, 1, 1, 1, 1, 1, 1)).execute();

        Bundle document = Reports.progressReport(program, referral.requestReference());

        assertEquals(Bundle.BundleType.DOCUMENT, document.getType());
        assertTrue(document.getIdentifier().hasSystem() && document.getIdentifier().hasValue());
        assertNotNull(document.getTimestamp());
        Composition composition = Reports.composition(document);
        assertEquals(Composition.CompositionStatus.PRELIMINARY, composition.getStatus(), "the referral is still open");
        assertTrue(composition.getType().hasCoding("http://loinc.org", "11506-3"));
        everyReferenceOfTheCompositionIsAnEntry(document);
        assertEquals(referral.patientReference(), Reports.resolve(document, composition.getSubject().getReference()).orElseThrow()
                .getIdElement().toUnqualifiedVersionless().getValue(), "the subject entry is the stored Patient, with its id");

        SectionComponent sessions = Reports.section(document, "sessions");
        assertEquals(2, Reports.entries(document, sessions, Encounter.class).size());
        assertEquals(1, Reports.entries(document, sessions, Procedure.class).size());
        Observation summary = Reports.entries(document, sessions, Observation.class).get(0);
        assertEquals(1, ((org.hl7.fhir.r4.model.IntegerType) Reports.component(summary, "sessions-attended").getValue()).getValue());
        assertEquals(1, ((org.hl7.fhir.r4.model.IntegerType) Reports.component(summary, "sessions-no-show").getValue()).getValue());
        assertEquals(0, new BigDecimal("45").compareTo(Reports.component(summary, "minutes-attended").getValueQuantity().getValue()));
        assertEquals(3, ((org.hl7.fhir.r4.model.IntegerType) Reports.component(summary, "h0038-units").getValue()).getValue());
        assertTrue(sessions.getText().getDivAsString().contains("45 minutes"), sessions.getText().getDivAsString());
        // each session with its date and peer supporter: the Practitioner behind the session's PractitionerRole, both in the document
        String rows = sessions.getText().getDivAsString();
        assertTrue(rows.contains("<td>attended</td><td>45 min</td><td>Robin Supporter</td>")
                && rows.contains("<td>2025-06-17</td><td>no-show</td><td>50 min</td><td>Robin Supporter</td>"), rows);
        assertTrue(Reports.resolve(document, supporter.role()).isPresent(), "the session's PractitionerRole is an entry");
        assertTrue(Reports.resolve(document, supporter.practitioner()).isPresent(), "its Practitioner is an entry");

        SectionComponent phq9 = subsection(document, "PHQ-9");
        Observation phq9Change = change(document, phq9);
        assertEquals(0, new BigDecimal("-10").compareTo(Reports.component(phq9Change, "change-points").getValueQuantity().getValue()));
        assertEquals(0, new BigDecimal("-62.5").compareTo(Reports.component(phq9Change, "change-percent").getValueQuantity().getValue()));
        assertTrue(Reports.component(phq9Change, "response").getValueBooleanType().booleanValue());
        assertFalse(Reports.component(phq9Change, "remission").getValueBooleanType().booleanValue(), "6 is not below 5");
        String phq9Text = phq9.getText().getDivAsString();
        assertTrue(phq9Text.contains("Moderately severe depression") && phq9Text.contains("Mild depression"), phq9Text);
        assertTrue(phq9Text.contains("-10 points") && phq9Text.contains("-62.5 %"), phq9Text);
        assertEquals(2, phq9Change.getDerivedFrom().size(), "baseline and latest score");

        Observation gad7Change = change(document, subsection(document, "GAD-7"));
        assertEquals(0, new BigDecimal("-5").compareTo(Reports.component(gad7Change, "change-points").getValueQuantity().getValue()));
        assertTrue(Reports.component(gad7Change, "response").getValueBooleanType().booleanValue(), "4 points or more");
        assertFalse(Reports.hasComponent(gad7Change, "remission"), "no remission rule for GAD-7");
        assertTrue(subsection(document, "WHO-5").getText().getDivAsString().contains("not assessed"));

        List<String> timePoints = new ArrayList<>();
        for (Observation score : Reports.entries(document, phq9, Observation.class)) {
            score.getExtension().forEach(e -> timePoints.add(((org.hl7.fhir.r4.model.Coding) e.getValue()).getCode()));
        }
        assertEquals(List.of("baseline", "day-90"), timePoints, "the stored scores carry the same time points as the report");
    }

    @Test
    void postAsksForTheSameReport() {
        Bundle document = program.operation().onInstance(referral.requestReference()).named("$progress-report")
                .withNoParameters(Parameters.class).returnResourceType(Bundle.class).execute();
        assertEquals(Bundle.BundleType.DOCUMENT, document.getType());
        assertEquals(referral.requestReference(), Reports.entries(document, Reports.section(document, "referral"), ServiceRequest.class)
                .get(0).getIdElement().toUnqualifiedVersionless().getValue());
    }

    @Test
    void aReferralWithoutSessionsOrScoresStillHasAValidReport() {
        Bundle document = Reports.progressReport(program, referral.requestReference());
        everyReferenceOfTheCompositionIsAnEntry(document);
        SectionComponent referralSection = Reports.section(document, "referral");
        assertEquals(1, Reports.entries(document, referralSection, Task.class).size());
        assertTrue(referralSection.getText().getDivAsString().contains("Accepted"), referralSection.getText().getDivAsString());
        Observation summary = Reports.entries(document, Reports.section(document, "sessions"), Observation.class).get(0);
        assertEquals(0, ((org.hl7.fhir.r4.model.IntegerType) Reports.component(summary, "sessions-attended").getValue()).getValue());
        assertTrue(Reports.section(document, "outcomes").getText().getDivAsString().contains("No outcome questionnaire"));
        assertTrue(Reports.section(document, "safety").getText().getDivAsString().contains("No safety alert"));
    }

    @Test
    void anUnknownReferralIs404() {
        OperationOutcome outcome = Refusals.refused(404, () -> Reports.progressReport(program, "ServiceRequest/no-such-referral"));
        assertFalse(outcome.getIssue().isEmpty());
    }

    @Test
    void anotherTypeHasNoProgressReport() {
        HttpResponse<String> answer = server.send("GET", "/" + referral.patientReference() + "/$progress-report", null, null);
        assertEquals(400, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("OperationOutcome"), answer.body());
    }

    @Test
    void anUnknownParameterIs400AtTheParameter() {
        HttpResponse<String> answer = server.send("GET", "/" + referral.requestReference() + "/$progress-report?since=2025-01-01", null, null);
        assertEquals(400, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("http.since"), answer.body());
        Parameters body = new Parameters();
        body.addParameter().setName("since").setValue(new org.hl7.fhir.r4.model.DateType("2025-01-01"));
        OperationOutcome outcome = Refusals.refused(400, () -> program.operation().onInstance(referral.requestReference())
                .named("$progress-report").withParameters(body).returnResourceType(Bundle.class).execute());
        assertEquals(List.of("Parameters.parameter[0]"), Refusals.expressions(outcome));
    }

    @Test
    void anEhrGetsTheReportOfItsOwnReferralAndNotAnotherOrganizations() {
        String run = Referrals.unique();
        IGenericClient hospitalA = server.clientFor("report-a-" + run, "Organization/report-a-" + run, "system/*.cruds");
        IGenericClient hospitalB = server.clientFor("report-b-" + run, "Organization/report-b-" + run, "system/*.cruds");
        Referrals.Sent ofA = Referrals.send(hospitalA);
        Bundle document = Reports.progressReport(hospitalA, ofA.requestReference());
        assertEquals(ofA.requestReference(), Reports.entries(document, Reports.section(document, "referral"), ServiceRequest.class)
                .get(0).getIdElement().toUnqualifiedVersionless().getValue());
        Refusals.refused(404, () -> Reports.progressReport(hospitalB, ofA.requestReference()));
        IGenericClient readsTasksOnly = server.clientFor("report-c-" + run, "Organization/report-a-" + run, "system/Task.rs");
        Refusals.refused(403, () -> Reports.progressReport(readsTasksOnly, ofA.requestReference()));
    }

    @Test
    void aTokenThatCannotReadScoresDoesNotGetThemThroughTheReport() {
        String run = Referrals.unique();
        String organization = "Organization/report-d-" + run;
        Referrals.Sent referral = Referrals.send(server.clientFor("report-d-" + run, organization, "system/*.cruds"));
        IGenericClient referralsOnly = server.clientFor("report-e-" + run, organization,
                "system/ServiceRequest.rs system/Task.rs system/Patient.rs");
        OperationOutcome outcome = Refusals.refused(403, () -> Reports.progressReport(referralsOnly, referral.requestReference()));
        String diagnostics = outcome.getIssueFirstRep().getDiagnostics();
        String needs = diagnostics.substring(0, diagnostics.indexOf("; this token has"));
        assertTrue(needs.contains("system/Observation.r") && needs.contains("system/Encounter.r") && !needs.contains("Task"), diagnostics);
    }

    private static SectionComponent subsection(Bundle document, String title) {
        return Reports.section(document, "outcomes").getSection().stream().filter(s -> title.equals(s.getTitle())).findFirst().orElseThrow();
    }

    private static Observation change(Bundle document, SectionComponent instrument) {
        return Reports.entries(document, instrument, Observation.class).stream()
                .filter(o -> o.getCode().hasCoding(Reports.MEASURE, "score-change")).findFirst().orElseThrow();
    }

    /** A document's Composition only points at entries of the same document. */
    private static void everyReferenceOfTheCompositionIsAnEntry(Bundle document) {
        Set<String> fullUrls = new HashSet<>();
        document.getEntry().forEach(e -> assertTrue(fullUrls.add(e.getFullUrl()), "unique fullUrl " + e.getFullUrl()));
        List<Reference> references = new ArrayList<>();
        collect(Reports.composition(document), references);
        assertFalse(references.isEmpty());
        for (Reference reference : references) {
            assertTrue(Reports.resolve(document, reference.getReference()).isPresent(), "entry for " + reference.getReference());
        }
    }

    private static void collect(Base element, List<Reference> into) {
        if (element instanceof Reference reference && reference.hasReference()) {
            into.add(reference);
        }
        element.children().forEach(property -> property.getValues().forEach(value -> collect(value, into)));
    }
}
