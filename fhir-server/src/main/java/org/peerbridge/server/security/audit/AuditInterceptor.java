package org.peerbridge.server.security.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;

/** Tells the request's audit record which FHIR interaction HAPI recognised, and on what. */
public final class AuditInterceptor {

    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = -10)
    public boolean classify(RequestDetails request) {
        RestOperationTypeEnum interaction = request.getRestOperationType();
        AuditContext.current().ifPresent(record -> record.interaction(
                request.getOperation() != null ? request.getOperation() : interaction.getCode(), action(interaction),
                request.getResourceName(), request.getId() == null ? null : request.getId().getIdPart()));
        return true;
    }

    /** AuditEvent.action: C, R, U, D, or E for everything else (transactions, operations). */
    static String action(RestOperationTypeEnum interaction) {
        return switch (interaction) {
            case CREATE -> "C";
            case READ, VREAD, SEARCH_TYPE, SEARCH_SYSTEM, HISTORY_INSTANCE, HISTORY_TYPE, HISTORY_SYSTEM, METADATA -> "R";
            case UPDATE, PATCH -> "U";
            case DELETE -> "D";
            default -> "E";
        };
    }
}
