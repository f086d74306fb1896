package org.peerbridge.server.report;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.peerbridge.mapping.report.ProgressReport;
import org.peerbridge.mapping.report.ProgressReportDocument;
import org.peerbridge.mapping.report.ReferralCourse;
import org.peerbridge.server.refusal.Refusals;
import org.peerbridge.server.search.StoredSearch;
import org.peerbridge.server.storage.ReadScope;
import org.peerbridge.server.storage.ResourceCodec;
import org.peerbridge.server.storage.ResourceTable;

/**
 * Builds a referral's progress report document from what is stored, as the caller may see it: the server
 * gathers ({@link ReferralCourseLoader}), {@code mapping.report} computes and writes the document.
 */
public final class ProgressReports {

    private final ReferralCourseLoader loader;
    private final ResourceCodec codec;
    private final ResourceTable resources = new ResourceTable();
    private final String programOrganization;

    public ProgressReports(StoredSearch search, ResourceCodec codec, String programOrganization) {
        this.loader = new ReferralCourseLoader(search, codec);
        this.codec = codec;
        this.programOrganization = programOrganization;
    }

    /**
     * The document for {@code ServiceRequest/referralId}, or 404 when the referral does not exist, is deleted
     * or is not the caller's to see (the two are not told apart).
     *
     * @param base the server's base URL, as the caller addresses it: the entries' fullUrls are under it
     */
    public Bundle document(Connection c, String referralId, String base, Date now) throws SQLException {
        return document(c, course(c, referralId), base, now);
    }

    /** What is stored about the referral, as the caller may see it; 404 as for {@link #document}. */
    public ReferralCourse course(Connection c, String referralId) throws SQLException {
        ServiceRequest referral = (ServiceRequest) visible(c, "ServiceRequest", referralId)
                .orElseThrow(() -> Refusals.notFound("ServiceRequest", referralId));
        List<Task> tasks = loader.tasks(c, referralId);
        if (tasks.isEmpty()) {
            throw Refusals.notFound("ServiceRequest", referralId); // no Task the caller may see: nothing to report on
        }
        return loader.load(c, referral, tasks.get(0));
    }

    /** The document of a course gathered by {@link #course}. */
    public Bundle document(Connection c, ReferralCourse course, String base, Date now) throws SQLException {
        Resource patient = patient(c, course);
        IdType program = new IdType(programOrganization);
        Resource author = current(c, program.getResourceType(), program.getIdPart()).orElseThrow();
        return ProgressReportDocument.build(ProgressReport.of(course), patient, author, base, UUID.randomUUID().toString(), now);
    }

    /** The referral's patient, as the caller may see them; 404 as for {@link #document}. */
    public Patient patient(Connection c, ReferralCourse course) throws SQLException {
        return (Patient) visible(c, "Patient", new IdType(course.patientReference()).getIdPart())
                .orElseThrow(() -> Refusals.notFound("ServiceRequest", course.referral().getIdElement().getIdPart()));
    }

    private Optional<Resource> visible(Connection c, String type, String id) throws SQLException {
        return ReadScope.current().visible(c, type, id) ? current(c, type, id) : Optional.empty();
    }

    private Optional<Resource> current(Connection c, String type, String id) throws SQLException {
        return resources.current(c, type, id).filter(row -> !row.deleted()).map(codec::decode);
    }
}
