package org.peerbridge.server.http;

import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Input the server refuses before HAPI parses it: a 400 with the issue code, where the problem is
 * (a FHIRPath expression, "http." + a parameter name, or "line L, column C") and what is wrong.
 */
public final class RefusedInput extends RuntimeException {

    private final IssueType code;
    private final String location;

    public RefusedInput(IssueType code, String location, String message) {
        super(message, null, false, false);
        this.code = code;
        this.location = location;
    }

    public IssueType code() {
        return code;
    }

    /** FHIRPath expression, "http.[name]", "line L, column C", or null when the whole body is at fault. */
    public String location() {
        return location;
    }
}
