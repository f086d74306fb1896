package org.peerbridge.server.http;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.peerbridge.server.refusal.Refusals;

/** Writes an OperationOutcome answer from a servlet filter, before HAPI ever sees the request. */
public final class OutcomeWriter {

    private final FhirContext fhirContext;

    public OutcomeWriter(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    public void write(HttpServletResponse response, int status, IssueType code, String location, String message) throws IOException {
        byte[] body = fhirContext.newJsonParser().encodeResourceToString(Refusals.outcome(code, location, message))
                .getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/fhir+json;charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
