package org.peerbridge.server.rest.errors;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.peerbridge.mapping.rules.RuleViolation;

/**
 * Builds the exceptions that carry a located OperationOutcome; HAPI turns each into the HTTP status
 * and body. Every error the server raises on purpose goes through here.
 */
public final class Outcomes {

    /**
     * Problems with a URL parameter or header have no element to point at; R4 says to locate them as
     * "http." + the parameter or header name, in issue.location.
     */
    public static final String HTTP_LOCATION = "http.";

    private Outcomes() {
    }

    public static OperationOutcome outcome(IssueType code, String expression, String message) {
        OperationOutcome outcome = new OperationOutcome();
        addIssue(outcome, IssueSeverity.ERROR, code, expression, message);
        return outcome;
    }

    public static OperationOutcome.OperationOutcomeIssueComponent addIssue(OperationOutcome outcome, IssueSeverity severity,
            IssueType code, String expression, String message) {
        OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue()
                .setSeverity(severity).setCode(code).setDiagnostics(message);
        if (expression != null && expression.startsWith(HTTP_LOCATION)) {
            issue.addLocation(expression);
        } else if (expression != null) {
            issue.addExpression(expression);
        }
        return issue;
    }

    public static InvalidRequestException badRequest(IssueType code, String expression, String message) {
        return withOutcome(new InvalidRequestException(message), outcome(code, expression, message));
    }

    public static ResourceNotFoundException notFound(String type, String id) {
        String message = type + "/" + id + " does not exist";
        return withOutcome(new ResourceNotFoundException(message), outcome(IssueType.NOTFOUND, null, message));
    }

    public static ResourceGoneException gone(String type, String id, int version) {
        String message = type + "/" + id + " was deleted (version " + version + ")";
        return withOutcome(new ResourceGoneException(message), outcome(IssueType.DELETED, null, message));
    }

    /** 405: the type exists but cannot be written through the API. */
    public static MethodNotAllowedException methodNotAllowed(String message) {
        return withOutcome(new MethodNotAllowedException(message), outcome(IssueType.NOTSUPPORTED, null, message));
    }

    /** 403: the caller is known but not allowed this; nothing about other organizations' data is said. */
    public static ForbiddenOperationException forbidden(String message) {
        return withOutcome(new ForbiddenOperationException(message), outcome(IssueType.FORBIDDEN, null, message));
    }

    public static PreconditionFailedException preconditionFailed(String expression, String message) {
        return withOutcome(new PreconditionFailedException(message), outcome(IssueType.CONFLICT, expression, message));
    }

    public static ResourceVersionConflictException conflict(IssueType code, String expression, String message) {
        return withOutcome(new ResourceVersionConflictException(message), outcome(code, expression, message));
    }

    public static UnprocessableEntityException unprocessable(IssueType code, String expression, String message) {
        return withOutcome(new UnprocessableEntityException(message), outcome(code, expression, message));
    }

    /**
     * 409 when any violation is a conflict with current state, else 422; every violation becomes one
     * issue (a warning one for {@link RuleViolation.Kind#WARNING}). At least one must be an error.
     */
    public static BaseServerResponseException fromViolations(List<RuleViolation> violations, String expressionPrefix) {
        List<RuleViolation> forbidden = violations.stream().filter(v -> v.kind() == RuleViolation.Kind.FORBIDDEN).toList();
        if (!forbidden.isEmpty()) {
            // a role refusal is told alone: what else is wrong may depend on data the caller must not learn about
            OperationOutcome outcome = new OperationOutcome();
            forbidden.forEach(v -> addIssue(outcome, IssueSeverity.ERROR, v.code(), relocate(v.expression(), expressionPrefix), v.message()));
            return withOutcome(new ForbiddenOperationException(forbidden.get(0).message()), outcome);
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
        BaseServerResponseException exception = conflict
                ? new ResourceVersionConflictException(summary)
                : new UnprocessableEntityException(summary);
        return withOutcome(exception, outcome);
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

    private static <E extends BaseServerResponseException> E withOutcome(E exception, OperationOutcome outcome) {
        exception.setOperationOutcome(outcome);
        return exception;
    }
}
