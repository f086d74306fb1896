package org.peerbridge.server.refusal;

import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * A request the server refuses, why, and the located OperationOutcome that says so. Every layer below the
 * HTTP one reports a refusal this way ({@link Refusals} builds them); only {@code rest/errors} turns it into an
 * HTTP answer, and a transaction into a batch entry's response, so the status a reason gets is decided once.
 */
public final class Refusal extends RuntimeException {

    /** Why a request is refused, with the HTTP status FHIR gives it (also a batch entry's response status). */
    public enum Reason {
        INVALID_REQUEST(400), FORBIDDEN(403), NOT_FOUND(404), METHOD_NOT_ALLOWED(405), CONFLICT(409), GONE(410),
        PRECONDITION_FAILED(412), PAYLOAD_TOO_LARGE(413), UNPROCESSABLE(422);

        private final int status;

        Reason(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Reason reason;
    private final transient OperationOutcome operationOutcome;

    public Refusal(Reason reason, String message, OperationOutcome operationOutcome) {
        super(message, null, false, false); // an answer to the client, not a failure: no stack trace to fill
        this.reason = reason;
        this.operationOutcome = operationOutcome;
    }

    public Reason reason() {
        return reason;
    }

    public OperationOutcome operationOutcome() {
        return operationOutcome;
    }
}
