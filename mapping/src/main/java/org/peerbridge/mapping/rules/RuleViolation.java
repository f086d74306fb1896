package org.peerbridge.mapping.rules;

import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * One broken domain rule, located by a FHIRPath expression. {@link Kind#CONFLICT} means the request
 * clashes with the current state of the data (answered 409); {@link Kind#INVALID} means the content
 * itself is unacceptable (answered 422); {@link Kind#FORBIDDEN} means the caller's role may not do this
 * (answered 403, alone: no other problem of the request is told). {@link Kind#WARNING} refuses nothing: it travels with the
 * errors of a refused request to say something the sender must know (a warning issue).
 */
public record RuleViolation(Kind kind, IssueType code, String expression, String message) {

    public enum Kind { INVALID, CONFLICT, FORBIDDEN, WARNING }

    public static RuleViolation invalid(IssueType code, String expression, String message) {
        return new RuleViolation(Kind.INVALID, code, expression, message);
    }

    public static RuleViolation conflict(String expression, String message) {
        return new RuleViolation(Kind.CONFLICT, IssueType.BUSINESSRULE, expression, message);
    }

    /** The caller's role may not do this; {@code message} names the rule. */
    public static RuleViolation forbidden(String expression, String message) {
        return new RuleViolation(Kind.FORBIDDEN, IssueType.FORBIDDEN, expression, message);
    }

    public static RuleViolation warning(IssueType code, String expression, String message) {
        return new RuleViolation(Kind.WARNING, code, expression, message);
    }

    public boolean isWarning() {
        return kind == Kind.WARNING;
    }
}
