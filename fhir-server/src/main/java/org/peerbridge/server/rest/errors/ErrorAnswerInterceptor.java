package org.peerbridge.server.rest.errors;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.peerbridge.server.refusal.Refusal;
import org.peerbridge.server.refusal.Refusals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last stop for every error on its way out: answers a {@link Refusal} with its status and OperationOutcome,
 * gives HAPI's own parse errors a located OperationOutcome,
 * and turns unexpected failures into a 500 that names an incident id instead of leaking internals
 * (the stack trace goes to the log, which never holds resource content).
 */
public final class ErrorAnswerInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorAnswerInterceptor.class);
    private static final Pattern ELEMENT = Pattern.compile("\\[element=\"([^\"]*)\"\\]");
    private static final Pattern UNKNOWN_ELEMENT = Pattern.compile("Unknown element '([^']+)'");
    private static final Pattern LINE_COLUMN = Pattern.compile("line: (\\d+), column: (\\d+)" // JSON (Jackson)
            + "|\\[row,col [^\\]]*\\]: \\[(\\d+),(\\d+)\\]"); // XML (Woodstox)
    /** A Java exception class name as HAPI quotes it ("java.lang.NumberFormatException: "): internals, not for clients. */
    private static final Pattern JAVA_EXCEPTION = Pattern.compile("(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error)(?::\\s*)?");
    private static final Pattern WRONG_TYPE = Pattern.compile("Incorrect resource type found, expected \"(\\w+)\" but found \"(\\w+)\"");

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException locate(RequestDetails request, Throwable failure) {
        Optional<Refusal> refusal = HttpRefusals.behind(failure);
        if (refusal.isPresent()) {
            return HttpRefusals.toHttp(refusal.get());
        }
        // HAPI's own 500 (a provider's exception, wrapped) names Java classes: answered like any unexpected failure
        if (!(failure instanceof BaseServerResponseException known) || failure instanceof InternalErrorException) {
            String incident = UUID.randomUUID().toString();
            LOG.error("Unexpected failure, incident {} ({} {})", incident, request.getRequestType(), request.getRequestPath(), failure);
            InternalErrorException internal = new InternalErrorException("Internal server error; incident " + incident);
            internal.setOperationOutcome(Refusals.operationOutcome(IssueType.EXCEPTION, null, internal.getMessage()));
            return internal;
        }
        if (known instanceof InvalidRequestException && known.getOperationOutcome() == null) {
            known.setOperationOutcome(locatedParseError(known.getMessage(), request.getResourceName()));
        }
        return known;
    }

    static OperationOutcome locatedParseError(String message, String resourceType) {
        String text = message == null ? "Invalid request"
                : JAVA_EXCEPTION.matcher(message.replaceFirst("^HAPI-\\d+: ", "")).replaceAll("");
        OperationOutcome outcome = Refusals.operationOutcome(IssueType.INVALID, null, text);
        OperationOutcome.OperationOutcomeIssueComponent issue = outcome.getIssueFirstRep();
        Matcher wrongType = WRONG_TYPE.matcher(text);
        Matcher lineColumn = LINE_COLUMN.matcher(text);
        Matcher element = ELEMENT.matcher(text);
        Matcher unknown = UNKNOWN_ELEMENT.matcher(text);
        boolean hasElement = element.find();
        boolean hasUnknown = unknown.find();
        if (wrongType.find()) {
            issue.addExpression(wrongType.group(2));
        } else if (hasElement || hasUnknown) {
            issue.setCode(IssueType.STRUCTURE);
            String parent = hasElement ? element.group(1) : "";
            String path = parent.isEmpty() ? (hasUnknown ? unknown.group(1) : "")
                    : parent + (hasUnknown ? "." + unknown.group(1) : "");
            issue.addExpression(resourceType != null && !path.startsWith(resourceType) ? resourceType + "." + path : path);
        } else if (lineColumn.find()) {
            issue.setCode(IssueType.STRUCTURE);
            boolean json = lineColumn.group(1) != null;
            issue.addLocation("line " + lineColumn.group(json ? 1 : 3) + ", column " + lineColumn.group(json ? 2 : 4));
        }
        return outcome;
    }
}
