package org.peerbridge.server.refusal;

import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.peerbridge.mapping.rules.RuleViolation;
import org.peerbridge.server.refusal.Refusal.Reason;

/**
 * Builds every {@link Refusal} the server raises on purpose, each with its located OperationOutcome, and the
 * OperationOutcomes themselves.
 */
public final class Refusals {

    /**
     * Problems with a URL parameter or header have no element to point at; R4 says to locate them as
     * "http." + the parameter or header name, in issue.location.
     */
    public static final String HTTP_LOCATION = "http.";

    private Refusals() {
    }

    public static OperationOutcome operationOutcome(IssueType code, String expression, String message) {
        OperationOutcome outcome = new OperationOutcome();
        addIssue(outcome, IssueSeverity.ERROR, code, expression, message);
        return outcome;
    }

    public static OperationOutcome.OperationOutcomeIssueComponent addIssue(OperationOutcome outcome, IssueSeverity severity,
            IssueType code, String expression, String message) {
        OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue()
                .setSeverity(severity).setCode(code).setDiagnostics(message);
        if (expression != null && (expression.startsWith(HTTP_LOCATION) || expression.startsWith("line "))) {
            issue.addLocation(expression);
        } else if (expression != null) {
            issue.addExpression(expression);
        }
        return issue;
    }

    public static Refusal badRequest(IssueType code, String expression, String message) {
        return new Refusal(Reason.INVALID_REQUEST, message, operationOutcome(code, expression, message));
    }

    public static Refusal notFound(String type, String id) {
        String message = type + "/" + id + " does not exist";
        return new Refusal(Reason.NOT_FOUND, message, operationOutcome(IssueType.NOTFOUND, null, message));
    }

    public static Refusal gone(String type, String id, int version) {
        String message = type + "/" + id + " was deleted (version " + version + ")";
        return new Refusal(Reason.GONE, message, operationOutcome(IssueType.DELETED, null, message));
    }

    /** 405: the type exists but cannot be written through the API. */
    public static Refusal methodNotAllowed(String message) {
        return new Refusal(Reason.METHOD_NOT_ALLOWED, message, operationOutcome(IssueType.NOTSUPPORTED, null, message));
    }

    /** 403: the caller is known but not allowed this; nothing about other organizations' data is said. */
    public static Refusal forbidden(String message) {
        return new Refusal(Reason.FORBIDDEN, message, operationOutcome(IssueType.FORBIDDEN, null, message));
    }

    public static Refusal preconditionFailed(String expression, String message) {
        return new Refusal(Reason.PRECONDITION_FAILED, message, operationOutcome(IssueType.CONFLICT, expression, message));
    }

    public static Refusal conflict(IssueType code, String expression, String message) {
        return new Refusal(Reason.CONFLICT, message, operationOutcome(code, expression, message));
    }

    /** 413: the request asks for more work than one request may (too many Bundle entries). */
    public static Refusal tooLarge(String expression, String message) {
        return new Refusal(Reason.PAYLOAD_TOO_LARGE, message, operationOutcome(IssueType.TOOLONG, expression, message));
    }

    /**
     * 503: the server cannot do this now (its validator is still loading, or another request holds what this one
     * changes for too long); a retry in a few seconds may succeed.
     */
    public static Refusal unavailable(String message) {
        return new Refusal(Reason.UNAVAILABLE, message, operationOutcome(IssueType.TRANSIENT, null, message));
    }

    public static Refusal unprocessable(IssueType code, String expression, String message) {
        return new Refusal(Reason.UNPROCESSABLE, message, operationOutcome(code, expression, message));
    }

    /** 422 with issues already collected (a validation's). */
    public static Refusal unprocessable(OperationOutcome outcome) {
        return new Refusal(Reason.UNPROCESSABLE, outcome.getIssueFirstRep().getDiagnostics(), outcome);
    }

    /**
     * 409 when any violation is a conflict with current state, else 422; every violation becomes one
     * issue (a warning one for {@link RuleViolation.Kind#WARNING}). At least one must be an error.
     */
    public static Refusal fromViolations(List<RuleViolation> violations, String expressionPrefix) {
        List<RuleViolation> forbidden = violations.stream().filter(v -> v.kind() == RuleViolation.Kind.FORBIDDEN).toList();
        if (!forbidden.isEmpty()) {
            // a role refusal is told alone: what else is wrong may depend on data the caller must not learn about
            OperationOutcome outcome = new OperationOutcome();
            forbidden.forEach(v -> addIssue(outcome, IssueSeverity.ERROR, v.code(), relocate(v.expression(), expressionPrefix), v.message()));
            return new Refusal(Reason.FORBIDDEN, forbidden.get(0).message(), outcome);
        }
        OperationOutcome outcome = new OperationOutcome();
        boolean conflict = false;
        for (RuleViolation violation : violations) {
            conflict |= violation.kind() == RuleViolation.Kind.CONFLICT;
            addIssue(outcome, violation.isWarning() ? IssueSeverity.WARNING : IssueSeverity.ERROR, violation.code(),
                    relocate(violation.expression(), expressionPrefix), violation.message());
        }
        String summary = violations.stream().filter(v -> !v.isWarning()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Warnings alone refuse nothing")).message();
        return new Refusal(conflict ? Reason.CONFLICT : Reason.UNPROCESSABLE, summary, outcome);
    }

    /**
     * Rewrites "ServiceRequest.subject" to "Bundle.entry[2].resource.subject" when the resource sits in a
     * Bundle entry; with a null prefix the expression stays as it is.
     */
    public static String relocate(String expression, String prefix) {
        if (prefix == null || expression == null) {
            return expression;
        }
        int dot = expression.indexOf('.');
        return dot < 0 ? prefix : prefix + expression.substring(dot);
    }
}
