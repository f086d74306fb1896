package org.peerbridge.server.rest.errors;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.Optional;
import org.peerbridge.server.refusal.Refusal;

/** The HTTP answer to a {@link Refusal}: HAPI's exception for its status, carrying its OperationOutcome. */
public final class HttpRefusals {

    private HttpRefusals() {
    }

    public static BaseServerResponseException toHttp(Refusal refusal) {
        String message = refusal.getMessage();
        BaseServerResponseException answer = switch (refusal.reason()) {
            case INVALID_REQUEST -> new InvalidRequestException(message);
            case FORBIDDEN -> new ForbiddenOperationException(message);
            case NOT_FOUND -> new ResourceNotFoundException(message);
            case METHOD_NOT_ALLOWED -> new MethodNotAllowedException(message);
            case CONFLICT -> new ResourceVersionConflictException(message);
            case GONE -> new ResourceGoneException(message);
            case PRECONDITION_FAILED -> new PreconditionFailedException(message);
            case PAYLOAD_TOO_LARGE -> new PayloadTooLargeException(message);
            case UNPROCESSABLE -> new UnprocessableEntityException(message);
        };
        answer.setOperationOutcome(refusal.operationOutcome());
        return answer;
    }

    /** The refusal behind a failure, however HAPI wrapped it on the way out of a provider. */
    public static Optional<Refusal> behind(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof Refusal refusal) {
                return Optional.of(refusal);
            }
        }
        return Optional.empty();
    }
}
