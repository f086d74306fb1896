package org.peerbridge.server.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.peerbridge.server.support.Referrals;
import org.peerbridge.server.support.Refusals;
import org.peerbridge.server.support.Reports;
import org.peerbridge.server.support.Responses;
import org.peerbridge.server.support.ServerTest;
import org.peerbridge.server.support.Sessions;

/** Completing a referral's Task stores its final report and lists the course's results in Task.output, over HTTP. */
class FinalReportTest extends ServerTest {

    private static final String OUTPUT_TYPE = "http://peerbridge.org/fhir/CodeSystem/task-output-type";
    private static final String SDOHCC = "http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes";

    @Test
    void completingTheTaskStoresTheReportAndListsTheResults() throws Exception {
        String run = Referrals.unique();
        IGenericClient hospital = server.clientFor("final-a-" + run, "Organization/final-a-" + run, "system/*.cruds");
        IGenericClient otherHospital = server.clientFor("final-b-" + run, "Organization/final-b-" + run, "system/*.cruds");
        IGenericClient program = server.client();
        Referrals.Sent sent = Referrals.send(hospital);
        Task accepted = sent.task().copy();
        accepted.setStatus(Task.TaskStatus.ACCEPTED);
        Referrals.Sent referral = new Referrals.Sent(sent.request(), (Task) program.update().resource(accepted).execute().getResource());
        Sessions.Supporter supporter = Sessions.peerSupporter(program, true);
        QuestionnaireResponse response = (QuestionnaireResponse) program.create()
                .resource(Responses.answered(Responses.PHQ9, referral, "2025-06-09T10:00:00Z", 2, 2, 2, 2, 2, 2, 2, 2, 0)).execute().getResource();
        Sessions.record(program, Sessions.attended(referral, supporter.role()));

        Task completing = Sessions.task(program, referral);
        completing.setStatus(Task.TaskStatus.COMPLETED);
        program.update().resource(completing).execute();

        Task completed = Sessions.task(program, referral);
        assertEquals(Task.TaskStatus.COMPLETED, completed.getStatus());
        String reportReference = output(completed, OUTPUT_TYPE, "progress-report").get(0);
        assertEquals(List.of("QuestionnaireResponse/" + response.getIdElement().getIdPart()),
                output(completed, OUTPUT_TYPE, "questionnaire-response"));
        assertEquals(1, output(completed, OUTPUT_TYPE, "outcome-score").size());
        assertEquals(1, output(completed, SDOHCC, "resulting-activity").size(), "the session's Procedure, in the SDOHCC slice");

        DocumentReference report = hospital.read().resource(DocumentReference.class).withId(reportReference).execute();
        assertEquals(referral.requestReference(), report.getContext().getRelatedFirstRep().getReference());
        assertEquals(referral.patientReference(), report.getSubject().getReference());
        byte[] data = report.getContentFirstRep().getAttachment().getData();
        assertEquals("application/fhir+json", report.getContentFirstRep().getAttachment().getContentType());
        assertArrayEquals(MessageDigest.getInstance("SHA-1").digest(data), report.getContentFirstRep().getAttachment().getHash());
        var pdf = report.getContent().get(1).getAttachment();
        assertEquals("application/pdf", pdf.getContentType());
        assertEquals("%PDF", new String(pdf.getData(), 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertArrayEquals(MessageDigest.getInstance("SHA-1").digest(pdf.getData()), pdf.getHash());
        Bundle document = server.fhir().newJsonParser().parseResource(Bundle.class, new String(data, StandardCharsets.UTF_8));
        assertEquals(Bundle.BundleType.DOCUMENT, document.getType());
        assertEquals(document.getIdentifier().getValue(), report.getMasterIdentifier().getValue());
        assertEquals(Composition.CompositionStatus.FINAL, Reports.composition(document).getStatus(), "the referral is completed");
        assertTrue(Reports.section(document, "referral").getText().getDivAsString().contains("Completed"));

        assertEquals(1, hospital.search().byUrl("DocumentReference?related=" + referral.requestReference())
                .returnBundle(Bundle.class).execute().getTotal(), "the referring EHR finds it");
        Refusals.refused(404, () -> otherHospital.read().resource(DocumentReference.class).withId(reportReference).execute());
        assertEquals(0, otherHospital.search().byUrl("DocumentReference?related=" + referral.requestReference())
                .returnBundle(Bundle.class).execute().getTotal());
        HttpResponse<String> edit = server.send("PUT", "/" + reportReference, "application/fhir+json",
                server.fhir().newJsonParser().encodeResourceToString(report));
        assertEquals(405, edit.statusCode(), "the stored report is the server's: " + edit.body());
    }

    private static List<String> output(Task task, String system, String code) {
        return task.getOutput().stream().filter(o -> o.getType().hasCoding(system, code))
                .map(o -> ((Reference) o.getValue()).getReference()).toList();
    }
}
