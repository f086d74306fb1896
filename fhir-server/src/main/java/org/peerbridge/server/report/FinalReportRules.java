package org.peerbridge.server.report;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.peerbridge.mapping.referral.FulfilmentTask;
import org.peerbridge.mapping.report.FinalReport;
import org.peerbridge.mapping.report.ReferralCourse;
import org.peerbridge.server.storage.ResourceCodec;
import org.peerbridge.server.storage.UnitOfWork;
import org.peerbridge.server.write.RulePhase;
import org.peerbridge.server.write.WriteContext;
import org.peerbridge.server.write.WriteRule;

/**
 * When a referral's Task is completed, stores its final progress report (a DocumentReference holding the
 * document) and lists it, the responses, the scores and the session Procedures in Task.output, in the
 * transaction that completes the Task: if any of it fails, the Task does not complete. It runs just
 * before commit, so what the same request (a transaction Bundle) recorded after the Task is in the report.
 */
public final class FinalReportRules implements WriteRule {

    private final ProgressReports reports;
    private final ResourceCodec codec;
    private final String programOrganization;
    private final Supplier<String> baseUrl;

    /** @param baseUrl the server's public base URL, for the fullUrls of the stored document */
    public FinalReportRules(ProgressReports reports, ResourceCodec codec, String programOrganization, Supplier<String> baseUrl) {
        this.reports = reports;
        this.codec = codec;
        this.programOrganization = programOrganization;
        this.baseUrl = baseUrl;
    }

    @Override
    public Set<String> types() {
        return Set.of("Task");
    }

    @Override
    public RulePhase phase() {
        return RulePhase.FOLLOW_UP;
    }

    @Override
    public void after(WriteContext write) {
        Task task = (Task) write.resource();
        if (write.before().orElse(null) instanceof Task previous && FulfilmentTask.isFulfilment(task)
                && task.getStatus() == Task.TaskStatus.COMPLETED && previous.getStatus() != Task.TaskStatus.COMPLETED) {
            String referralId = new IdType(task.getFocus().getReference()).getIdPart();
            write.uow().beforeCommit(() -> storeFinalReport(write, task.getIdElement().getIdPart(), referralId));
        }
    }

    private void storeFinalReport(WriteContext write, String taskId, String referralId) throws SQLException {
        UnitOfWork uow = write.uow();
        ReferralCourse course = reports.course(uow.connection(), referralId);
        Bundle document = reports.document(uow.connection(), course, baseUrl.get(), uow.now());
        DocumentReference report = FinalReport.documentReference(document, codec.encode(document), ReportPdf.render(document),
                course.referralReference(), course.patientReference(), programOrganization, uow.now());
        String reportReference = "DocumentReference/" + write.server().create(report).getIdElement().getIdPart();
        write.server().update(Task.class, taskId, task -> {
            FinalReport.addOutputs(task, reportReference, references(course.currentResponses()), references(course.currentScores()),
                    references(course.currentActivities()));
            return Optional.of(task);
        });
    }

    private static List<String> references(List<? extends Resource> resources) {
        return resources.stream().map(r -> r.fhirType() + "/" + r.getIdElement().getIdPart()).toList();
    }
}
