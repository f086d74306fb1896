package org.peerbridge.server.bulk;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Patient;
import org.peerbridge.server.refusal.Refusals;
import org.peerbridge.server.search.SearchRequestParser;
import org.peerbridge.server.security.access.Caller;
import org.peerbridge.server.security.access.CallerContext;
import org.peerbridge.server.security.audit.AuditContext;
import org.peerbridge.server.storage.DatabaseClock;
import org.peerbridge.server.storage.ReadScope;
import org.peerbridge.server.storage.ResourceStore;
import org.peerbridge.server.storage.StoredVersion;

/**
 * The kick-off of a Bulk Data export (IG STU2) at system, Patient and Group level, GET or POST: checks the
 * request (Prefer: respond-async, Accept, parameters; what the caller may read), stores the job with the
 * database's time as its snapshot time, and answers 202 with the status URL in Content-Location. The work
 * is done in the background ({@link ExportWorker}).
 */
public final class ExportKickOff {

    public static final String NAME = "$export";
    private static final Set<String> JSON_ACCEPT = Set.of("application/fhir+json", "application/json", "*/*", "application/*");

    private final ResourceStore store;
    private final ExportJobs jobs;
    private final ExportTypes types;
    private final SearchRequestParser parser;

    ExportKickOff(ResourceStore store, ExportJobs jobs, ExportTypes types, SearchRequestParser parser) {
        this.store = store;
        this.jobs = jobs;
        this.types = types;
        this.parser = parser;
    }

    @Operation(name = NAME, idempotent = true, manualResponse = true)
    @Description(shortDefinition = "Start a Bulk Data export (answers 202)", value = "Needs Prefer: respond-async. Answers 202 Accepted"
            + " with the status URL in Content-Location, to poll until the files are listed (docs/bulk-data.md)")
    public void systemExport(RequestDetails request) {
        kickOff(request, ExportLevel.SYSTEM, null, null);
    }

    @Operation(name = NAME, idempotent = true, manualResponse = true, type = Patient.class)
    @Description(shortDefinition = "Start a Bulk Data export (answers 202)", value = "Needs Prefer: respond-async. Answers 202 Accepted"
            + " with the status URL in Content-Location, to poll until the files are listed (docs/bulk-data.md)")
    public void patientExport(RequestDetails request) {
        kickOff(request, ExportLevel.PATIENT, null, null);
    }

    @Operation(name = NAME, idempotent = true, manualResponse = true, type = Group.class)
    @Description(shortDefinition = "Start a Bulk Data export (answers 202)", value = "Needs Prefer: respond-async. Answers 202 Accepted"
            + " with the status URL in Content-Location, to poll until the files are listed (docs/bulk-data.md)")
    public void groupExport(@IdParam IdType id, RequestDetails request) {
        Group group = store.current("Group", id.getIdPart()).filter(row -> !row.deleted()).map(this::group)
                .orElseThrow(() -> Refusals.notFound("Group", id.getIdPart())); // also when it is not the caller's to see
        List<String> members = new ArrayList<>();
        for (Group.GroupMemberComponent member : group.getMember()) {
            org.hl7.fhir.instance.model.api.IIdType entity = member.getEntity().getReferenceElement();
            if ("Patient".equals(entity.getResourceType()) && entity.hasIdPart() && !members.contains(entity.getIdPart())) {
                members.add(entity.getIdPart());
            }
        }
        kickOff(request, ExportLevel.GROUP, id.getIdPart(), members);
    }

    private Group group(StoredVersion row) {
        return (Group) store.codec().decode(row);
    }

    private void kickOff(RequestDetails request, ExportLevel level, String groupId, List<String> members) {
        requireAsync(request);
        KickOffParameters asked = KickOffParameters.read(request, level);
        List<String> exported = types.chosen(level, asked.types(), ReadScope.current());
        List<String> filters = asked.typeFilters().stream().map(TypeFilters.Located::text).toList();
        TypeFilters.parse(asked.typeFilters(), exported, parser); // checked now; the worker reads them again
        List<String> patients = patients(level, members, asked.patients());
        Caller caller = CallerContext.current().orElseThrow(() -> new IllegalStateException("no caller bound for $export"));
        ExportJob.Request job = new ExportJob.Request(caller.clientId(), caller.organization(), caller.scopes().asString(),
                request.getCompleteUrl(), level, groupId, exported, asked.since(), filters, patients);
        String id = store.database().inTransaction(c -> jobs.create(c, job, DatabaseClock.transactionStart(c)));
        String statusUrl = request.getFhirServerBase() + ExportStatusServlet.PATH + "/" + id;
        AuditContext.current().ifPresent(audit -> audit.started("Bulk Data export " + id + " accepted"));
        accepted((ServletRequestDetails) request, statusUrl);
    }

    /** The IG's kick-off is asynchronous only: a client that does not say so would wait for an answer that never comes. */
    private static void requireAsync(RequestDetails request) {
        String prefer = request.getHeader("Prefer");
        if (prefer == null || !prefer.toLowerCase(java.util.Locale.ROOT).contains("respond-async")) {
            throw Refusals.badRequest(IssueType.REQUIRED, Refusals.HTTP_LOCATION + "Prefer",
                    NAME + " runs in the background: send 'Prefer: respond-async', then poll the URL in Content-Location");
        }
        String accept = request.getHeader("Accept");
        if (accept != null && !accept.isBlank() && java.util.Arrays.stream(accept.split(","))
                .map(part -> part.split(";")[0].trim().toLowerCase(java.util.Locale.ROOT)).noneMatch(JSON_ACCEPT::contains)) {
            throw Refusals.badRequest(IssueType.NOTSUPPORTED, Refusals.HTTP_LOCATION + "Accept",
                    "The kick-off answers in FHIR JSON: send 'Accept: application/fhir+json'; '" + accept + "' is not accepted");
        }
    }

    /**
     * The patients the export is about: a Group's members, narrowed by the patient parameter if given; a
     * Patient-level export's patient parameter (each must be a patient the caller may see); null for every
     * patient the caller may see.
     */
    private List<String> patients(ExportLevel level, List<String> members, List<KickOffParameters.Located> given) {
        if (given == null) {
            return members;
        }
        Set<String> named = new LinkedHashSet<>();
        for (KickOffParameters.Located reference : given) {
            IdType id = new IdType(reference.value());
            boolean known = "Patient".equals(id.getResourceType()) && id.hasIdPart()
                    && store.current("Patient", id.getIdPart()).filter(row -> !row.deleted()).isPresent();
            if (!known) {
                throw Refusals.badRequest(IssueType.NOTFOUND, reference.location(), "patient '" + reference.value() + "' is not a known Patient");
            }
            named.add(id.getIdPart());
        }
        return level == ExportLevel.GROUP ? members.stream().filter(named::contains).toList() : List.copyOf(named);
    }

    private void accepted(ServletRequestDetails request, String statusUrl) {
        OperationOutcome outcome = new OperationOutcome();
        Refusals.addIssue(outcome, IssueSeverity.INFORMATION, IssueType.INFORMATIONAL, null,
                "Export accepted; poll " + statusUrl + " (202 while it runs, 200 with the manifest when it is done)");
        HttpServletResponse response = request.getServletResponse();
        response.setStatus(202);
        response.setHeader("Content-Location", statusUrl);
        response.setContentType("application/fhir+json;charset=UTF-8");
        try {
            response.getWriter().write(store.codec().fhirContext().newJsonParser().encodeResourceToString(outcome));
            response.getWriter().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
