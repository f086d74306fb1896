package org.peerbridge.mapping.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskOutputComponent;
import org.peerbridge.mapping.report.ReportCodes.OutputType;
import org.peerbridge.mapping.session.PerformedActivityOutput;

/**
 * The final report of a completed referral: a DocumentReference whose attachments are the progress report
 * document (FHIR JSON) and its PDF rendition (for EHR document viewers that show PDF, not FHIR), and the Task.output entries that point at it and at the course's results. Procedures go in
 * the SDOH Clinical Care performed-activity slice (type resulting-activity); the report, responses and
 * scores, which that slice does not admit, go in entries of PeerBridge's task-output-type (the slicing is
 * open). Why a DocumentReference rather than a stored Bundle: docs/reports.md.
 */
public final class FinalReport {

    public static final String CONTENT_TYPE = "application/fhir+json";
    public static final String PDF_CONTENT_TYPE = "application/pdf";

    private FinalReport() {
    }

    /**
     * @param document     the progress report document
     * @param json         the document as it is stored (the first attachment's bytes)
     * @param pdf          the same report as PDF (the second attachment), for document viewers that do not read FHIR
     * @param referral     "ServiceRequest/id"
     * @param patient      "Patient/id"
     * @param program      the program Organization reference, the author
     */
    public static DocumentReference documentReference(Bundle document, String json, byte[] pdf, String referral, String patient,
                                                      String program, Date now) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        DocumentReference reference = new DocumentReference();
        reference.setMasterIdentifier(new Identifier().setSystem(document.getIdentifier().getSystem())
                .setValue(document.getIdentifier().getValue()));
        reference.setStatus(DocumentReferenceStatus.CURRENT);
        reference.setDocStatus(DocumentReference.ReferredDocumentStatus.FINAL);
        reference.setType(ReportCodes.progressNote());
        reference.setSubject(new Reference(patient));
        reference.setDate(now);
        reference.addAuthor(new Reference(program));
        reference.setDescription("Final peer support progress report, stored when the referral was completed");
        Attachment attachment = reference.addContent().getAttachment();
        attachment.setContentType(CONTENT_TYPE).setData(bytes).setSize(bytes.length).setHash(sha1(bytes))
                .setTitle("Peer support progress report").setCreation(now);
        reference.addContent().getAttachment().setContentType(PDF_CONTENT_TYPE).setData(pdf).setSize(pdf.length).setHash(sha1(pdf))
                .setTitle("Peer support progress report (PDF)").setCreation(now);
        reference.getContext().addRelated(new Reference(referral));
        return reference;
    }

    /** Adds what Task.output does not list yet: the report, the responses, the scores and the Procedures. */
    public static void addOutputs(Task task, String report, List<String> responses, List<String> scores, List<String> procedures) {
        add(task, OutputType.PROGRESS_REPORT, report);
        responses.forEach(r -> add(task, OutputType.QUESTIONNAIRE_RESPONSE, r));
        scores.forEach(s -> add(task, OutputType.OUTCOME_SCORE, s));
        procedures.forEach(p -> PerformedActivityOutput.add(task, p));
    }

    private static void add(Task task, OutputType type, String reference) {
        boolean listed = task.getOutput().stream().anyMatch(o -> o.getType().hasCoding(ReportCodes.OUTPUT_TYPE_SYSTEM, type.code())
                && o.getValue() instanceof Reference ref && reference.equals(ref.getReference()));
        if (!listed) {
            task.addOutput(new TaskOutputComponent(type.toCodeableConcept(), new Reference(reference)));
        }
    }

    private static byte[] sha1(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(bytes); // Attachment.hash is SHA-1 by definition
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }
}
