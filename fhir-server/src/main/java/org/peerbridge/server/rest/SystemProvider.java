package org.peerbridge.server.rest;

import ca.uhn.fhir.rest.annotation.History;
import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.peerbridge.server.storage.ResourceStore;
import org.peerbridge.server.transaction.TransactionProcessor;
import org.peerbridge.server.validation.RequestJson;

/** Interactions on the base URL: transaction and batch Bundles, and the history of everything. */
public final class SystemProvider {

    private final TransactionProcessor transactions;
    private final ResourceStore store;

    public SystemProvider(TransactionProcessor transactions, ResourceStore store) {
        this.transactions = transactions;
        this.store = store;
    }

    @Transaction
    public Bundle transaction(@TransactionParam Bundle bundle, RequestDetails request) {
        Bundle answer = withAbsoluteFullUrls(transactions.process(bundle, RequestJson.body(request)), request.getFhirServerBase());
        return MinimalEntries.asked(request) ? MinimalEntries.withoutWrittenResources(bundle, answer) : answer;
    }

    /**
     * A fullUrl is an absolute URL (FHIR Bundle rule bdl-7 context): each written or read entry's is put
     * under the server's public base (--base-url, or the request's own), the same on every replica.
     */
    private static Bundle withAbsoluteFullUrls(Bundle response, String base) {
        for (Bundle.BundleEntryComponent entry : response.getEntry()) {
            String fullUrl = entry.getFullUrl();
            if (fullUrl != null && !fullUrl.contains(":")) {
                entry.setFullUrl(base.replaceAll("/+$", "") + "/" + fullUrl);
            }
        }
        return response;
    }

    @History
    public IBundleProvider systemHistory(RequestDetails request) {
        HistoryParameters.Scoped scoped = new HistoryParameters(request).scope(null, null);
        ResourceStore.HistoryPage page = store.history(scoped.scope(), scoped.offset(), scoped.count());
        return new PageBundleProvider(page.total(), FhirResourceProvider.HistoryEntries.toResources(page.rows(), store.codec()),
                List.of());
    }
}
