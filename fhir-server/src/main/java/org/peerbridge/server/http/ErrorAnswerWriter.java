package org.peerbridge.server.http;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.peerbridge.server.refusal.Refusals;

/** Writes an OperationOutcome answer from outside HAPI (a servlet filter, Jetty's error handling). */
public final class ErrorAnswerWriter {

    private final FhirContext fhirContext;

    public ErrorAnswerWriter(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    /** A JSON answer. */
    public void write(HttpServletResponse response, int status, IssueType code, String location, String message) throws IOException {
        write(response, ErrorAnswerFormat.JSON, status, code, location, message);
    }

    /** An answer in the format the request asks for. */
    public void write(HttpServletRequest request, HttpServletResponse response, int status, IssueType code, String location,
            String message) throws IOException {
        write(response, ErrorAnswerFormat.of(request.getQueryString(), request.getHeader("Accept")), status, code, location, message);
    }

    private void write(HttpServletResponse response, ErrorAnswerFormat format, int status, IssueType code, String location,
            String message) throws IOException {
        byte[] body = encode(format, Refusals.operationOutcome(code, location, message));
        response.setStatus(status);
        response.setContentType(format.contentType());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The outcome as bytes in {@code format}. */
    public byte[] encode(ErrorAnswerFormat format, OperationOutcome outcome) {
        var parser = format == ErrorAnswerFormat.XML ? fhirContext.newXmlParser() : fhirContext.newJsonParser();
        return parser.encodeResourceToString(outcome).getBytes(StandardCharsets.UTF_8);
    }
}
