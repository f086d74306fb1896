package org.peerbridge.server.security.scope;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Map;
import org.peerbridge.server.refusal.Refusals;
import org.peerbridge.server.security.access.Caller;
import org.peerbridge.server.security.access.CallerContext;

/**
 * Before any provider runs: the caller's scopes must cover the interaction on its type ({@link ScopeRules}),
 * and reading the types a search names in _include:Target or _revinclude; otherwise 403 with an
 * OperationOutcome naming the scope that is missing. Untyped includes are left to the read scope, which
 * leaves out what the caller may not read.
 */
public final class ScopeInterceptor {

    /** Runs once HAPI knows the interaction, before it reads the body: a refused request is not even parsed. */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public boolean check(RequestDetails request) {
        RestOperationTypeEnum interaction = request.getRestOperationType();
        String type = request.getResourceName();
        ScopeRules.Requirement requirement = ScopeRules.of(interaction, request.getOperation())
                .orElseThrow(() -> Refusals.forbidden("No scope allows " + describe(interaction, request)));
        if (requirement.publicAccess()) {
            return true;
        }
        Caller caller = CallerContext.current().orElseThrow(() -> new IllegalStateException("no caller bound for " + request.getRequestPath()));
        String unmet = requirement.unmetBy(caller.scopes(), type);
        if (!unmet.isEmpty()) {
            throw Refusals.forbidden(describe(interaction, request) + " needs " + unmet
                    + "; this token has: " + caller.scopes().asString());
        }
        checkIncludes(caller.scopes(), request.getParameters());
        return true;
    }

    /** Throws 403 when a named include target or a revinclude source type is not readable with these scopes. */
    public static void checkIncludes(ScopeSet scopes, Map<String, String[]> parameters) {
        ScopeRules.Requirement read = ScopeRules.forInclude();
        for (String name : new String[] {"_include", "_revinclude"}) {
            for (String value : parameters.getOrDefault(name, new String[0])) {
                String[] parts = value.split(":");
                String type = name.equals("_revinclude") ? parts[0] : parts.length > 2 ? parts[2] : null;
                String unmet = type == null ? "" : read.unmetBy(scopes, type);
                if (!unmet.isEmpty()) {
                    throw Refusals.forbidden(name + "=" + value + " needs " + unmet + "; this token has: " + scopes.asString());
                }
            }
        }
    }

    private static String describe(RestOperationTypeEnum interaction, RequestDetails request) {
        String what = request.getOperation() != null ? request.getOperation() : interaction.getCode();
        return what + (request.getResourceName() != null ? " on " + request.getResourceName() : "");
    }
}
