package org.peerbridge.server.http;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.RequestDispatcher;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.peerbridge.server.refusal.Refusals;

/**
 * Jetty's own error answers as OperationOutcomes instead of HTML pages: what Jetty refuses before any
 * servlet runs (414 URI too long, 431 headers too large, 400 ambiguous path separator or early end of
 * the body, 404 for paths outside /fhir, a failure in a filter). JSON, or XML when the request asks for it. Jetty's message is kept for 4xx (it says what
 * was wrong with the request), never for 5xx.
 */
public final class FhirErrorHandler extends ErrorHandler {

    private final ErrorAnswerWriter errorAnswers;

    public FhirErrorHandler(FhirContext fhirContext) {
        this.errorAnswers = new ErrorAnswerWriter(fhirContext);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = status(request, response);
        String message = message(request, status);
        ErrorAnswerFormat format = ErrorAnswerFormat.of(request.getHttpURI().getQuery(), request.getHeaders().get(HttpHeader.ACCEPT));
        byte[] body = errorAnswers.encode(format, Refusals.operationOutcome(issueType(status), null, message));
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, format.contentType());
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    /** Errors found while reading the request line or headers (414, 431, 400), answered before any request exists. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, ErrorAnswerFormat.JSON.contentType()));
        String message = reason == null || reason.isBlank() ? HttpStatus.getMessage(status) : reason;
        return ByteBuffer.wrap(errorAnswers.encode(ErrorAnswerFormat.JSON, Refusals.operationOutcome(issueType(status), null, message)));
    }

    private static int status(Request request, Response response) {
        Object status = request.getAttribute(ERROR_STATUS);
        if (!(status instanceof Integer)) {
            status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        }
        int code = status instanceof Integer given ? given : response.getStatus();
        return code >= 400 && code <= 599 ? code : 500;
    }

    private static String message(Request request, int status) {
        if (status >= 500) {
            return "Internal server error";
        }
        Object message = request.getAttribute(ERROR_MESSAGE);
        if (!(message instanceof String)) {
            message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        }
        if (status == 404) {
            return "Not found: the FHIR API is under /fhir";
        }
        return message instanceof String given && !given.isBlank() && !given.contains("Exception") ? given : HttpStatus.getMessage(status);
    }

    private static IssueType issueType(int status) {
        return switch (status) {
            case 404 -> IssueType.NOTFOUND;
            case 405 -> IssueType.NOTSUPPORTED;
            case 408 -> IssueType.TIMEOUT;
            case 413, 414, 431 -> IssueType.TOOLONG;
            default -> status >= 500 ? IssueType.EXCEPTION : IssueType.INVALID;
        };
    }
}
