package org.peerbridge.server.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.junit.jupiter.api.function.Executable;

/** Refused requests as a client sees them: the HTTP status and the OperationOutcome's located issues. */
public final class Refusals {

    private Refusals() {
    }

    /** Runs a request that must be refused with {@code status}; returns the OperationOutcome. */
    public static OperationOutcome refused(int status, Executable request) {
        BaseServerResponseException refused = assertThrows(BaseServerResponseException.class, request);
        OperationOutcome outcome = (OperationOutcome) refused.getOperationOutcome();
        assertEquals(status, refused.getStatusCode(), () -> "status; issues: " + issues(outcome));
        return outcome;
    }

    /** Every issue's first expression, in order. */
    public static List<String> expressions(OperationOutcome outcome) {
        return outcome.getIssue().stream().map(issue -> issue.getExpression().isEmpty() ? "" : issue.getExpression().get(0).getValue())
                .toList();
    }

    /** "code @ expression" per issue, for assertion messages and exact checks. */
    public static List<String> issues(OperationOutcome outcome) {
        return outcome == null ? List.of() : outcome.getIssue().stream().map(Refusals::describe).toList();
    }

    private static String describe(OperationOutcomeIssueComponent issue) {
        return issue.getCode().toCode() + " @ " + (issue.getExpression().isEmpty() ? "" : issue.getExpression().get(0).getValue());
    }
}
