package org.peerbridge.server.security.scope;

import java.util.Map;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.peerbridge.server.refusal.Refusals;
import org.peerbridge.server.search.QueryString;
import org.peerbridge.server.security.access.CallerContext;
import org.peerbridge.server.transaction.EntryAuthorization;

/** Checks each transaction or batch entry against the caller's scopes, as if it had been sent on its own. */
public final class ScopedEntries implements EntryAuthorization {

    @Override
    public void check(BundleEntryComponent entry, int index) {
        ScopeSet scopes = CallerContext.current().orElseThrow(() -> new IllegalStateException("no caller bound")).scopes();
        String method = entry.getRequest().getMethod().toCode();
        String url = entry.getRequest().getUrl();
        int question = url.indexOf('?');
        boolean search = "GET".equals(method) && question >= 0;
        String path = question >= 0 ? url.substring(0, question) : url;
        String type = entry.hasResource() && ("POST".equals(method) || "PUT".equals(method)) ? entry.getResource().fhirType()
                : path.split("/")[0];
        ScopeRules.Requirement requirement = ScopeRules.forEntry(method, search);
        String unmet = requirement.unmetBy(scopes, type);
        if (!unmet.isEmpty()) {
            throw Refusals.forbidden("Bundle.entry[" + index + "]: " + method + " " + url + " needs " + unmet
                    + "; this token has: " + scopes.asString());
        }
        if (search) {
            Map<String, String[]> parameters = QueryString.parse(url.substring(question + 1), "Bundle.entry[" + index + "].request.url");
            ScopeInterceptor.checkIncludes(scopes, parameters);
        }
    }
}
