package org.peerbridge.server.report;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Date;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.peerbridge.server.refusal.Refusals;
import org.peerbridge.server.storage.ResourceStore;

/**
 * {@code GET|POST ServiceRequest/[id]/$progress-report}: the referral's progress report as a FHIR document
 * (docs/reports.md). The operation takes no parameters; anything else is refused rather than ignored.
 */
public final class ProgressReportOperation {

    public static final String NAME = "$progress-report";

    private static final Set<String> FORMAT_PARAMETERS = Set.of("_format", "_pretty", "_summary", "_elements");

    private final ResourceStore store;
    private final ProgressReports reports;

    public ProgressReportOperation(ResourceStore store, ProgressReports reports) {
        this.store = store;
        this.reports = reports;
    }

    @Operation(name = NAME, idempotent = true, type = ServiceRequest.class)
    public Bundle progressReport(@IdParam IdType id, RequestDetails request) {
        for (String name : request.getParameters().keySet()) {
            if (!FORMAT_PARAMETERS.contains(name)) {
                throw Refusals.badRequest(IssueType.NOTSUPPORTED, Refusals.HTTP_LOCATION + name,
                        NAME + " takes no parameters; '" + name + "' is not one");
            }
        }
        if (request.getResource() instanceof Parameters body && body.hasParameter()) {
            throw Refusals.badRequest(IssueType.NOTSUPPORTED, "Parameters.parameter[0]",
                    NAME + " takes no parameters; '" + body.getParameterFirstRep().getName() + "' is not one");
        }
        Date now = new Date();
        return store.read(c -> reports.document(c, id.getIdPart(), request.getFhirServerBase(), now));
    }
}
