package org.peerbridge.server.search;

import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.peerbridge.server.refusal.Refusals;

/** A URL or operation parameter that must be a FHIR instant ({@code _since}): read as epoch milliseconds, or refused. */
public final class InstantParameter {

    private InstantParameter() {
    }

    /** @param location where the value was given, for the 400 (http._since, Parameters.parameter[0].value) */
    public static long parse(String name, String value, String location) {
        try {
            return new InstantType(value).getValue().getTime();
        } catch (RuntimeException e) {
            throw Refusals.badRequest(IssueType.INVALID, location,
                    name + " must be an instant with a time zone, such as 2026-01-01T00:00:00Z; '" + value + "' is not");
        }
    }
}
