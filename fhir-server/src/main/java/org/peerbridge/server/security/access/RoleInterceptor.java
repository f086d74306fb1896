package org.peerbridge.server.security.access;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.peerbridge.mapping.access.Interaction;
import org.peerbridge.mapping.access.RolePermissions;
import org.peerbridge.mapping.rules.RuleViolation;
import org.peerbridge.server.refusal.Refusals;
import org.peerbridge.server.transaction.EntryAuthorization;

/**
 * The role check of every request, in one place: once HAPI knows the interaction and the scope check has
 * passed, {@link RolePermissions#refuseInteraction} for it (403 naming the rule, before any provider runs or
 * the body is parsed; audited like every refusal), and for each GET entry of a Bundle as if it had been sent
 * alone. The answer depends on the role, the interaction and the type only, so it never tells whether
 * another organization's data exists. Writes pass here and meet {@link RoleRule} resource by resource.
 */
public final class RoleInterceptor implements EntryAuthorization {

    /** Operations by name (without "$"); one that is not here is refused for every role. */
    private static final Map<String, Interaction> OPERATIONS = Map.of(
            "validate", Interaction.VALIDATE,
            "everything", Interaction.EVERYTHING,
            "progress-report", Interaction.PROGRESS_REPORT,
            "program-outcomes", Interaction.PROGRAM_OUTCOMES,
            "export", Interaction.EXPORT,
            "status", Interaction.SUBSCRIPTION_STATUS,
            "events", Interaction.SUBSCRIPTION_STATUS);

    /** After the scope check (order 0): a token without the scope is told what it lacks first. */
    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = 10)
    public boolean check(RequestDetails request) {
        RestOperationTypeEnum operation = request.getRestOperationType();
        if (operation == RestOperationTypeEnum.METADATA) {
            return true; // public, asked without a caller
        }
        Caller caller = CallerContext.current().orElseThrow(() -> new IllegalStateException("no caller bound for " + request.getRequestPath()));
        Interaction interaction = interaction(operation, request.getOperation());
        RolePermissions.refuseInteraction(caller.role(), interaction, request.getResourceName()).ifPresent(reason -> {
            throw Refusals.forbidden(reason);
        });
        return true;
    }

    @Override
    public void check(BundleEntryComponent entry, int index) {
        if (entry.getRequest().getMethod() != HTTPVerb.GET) {
            return;
        }
        Caller caller = CallerContext.current().orElseThrow(() -> new IllegalStateException("no caller bound"));
        String url = entry.getRequest().getUrl();
        Interaction interaction = url.contains("?") ? Interaction.SEARCH : Interaction.READ;
        RolePermissions.refuseInteraction(caller.role(), interaction, url.split("[/?]")[0]).ifPresent(reason -> {
            throw Refusals.fromViolations(List.of(RuleViolation.forbidden("Bundle.entry[" + index + "].request.url", reason)), null);
        });
    }

    static Interaction interaction(RestOperationTypeEnum operation, String operationName) {
        return switch (operation) {
            case READ, VREAD, HISTORY_INSTANCE -> Interaction.READ;
            case SEARCH_TYPE, SEARCH_SYSTEM, HISTORY_TYPE, HISTORY_SYSTEM -> Interaction.SEARCH;
            case CREATE, UPDATE, PATCH, DELETE, TRANSACTION, BATCH -> Interaction.WRITE;
            case VALIDATE -> Interaction.VALIDATE;
            case EXTENDED_OPERATION_SERVER, EXTENDED_OPERATION_TYPE, EXTENDED_OPERATION_INSTANCE -> Optional.ofNullable(operationName)
                    .map(name -> OPERATIONS.get(name.replaceFirst("^\\$", "")))
                    .orElseThrow(() -> Refusals.forbidden("No role may ask for " + operationName));
            default -> throw Refusals.forbidden("No role may ask for " + operation.getCode());
        };
    }
}
