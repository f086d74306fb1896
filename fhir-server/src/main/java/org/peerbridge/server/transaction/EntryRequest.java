package org.peerbridge.server.transaction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.peerbridge.server.refusal.Refusals;

/** What a Bundle entry asks for, and the checks on its shape before anything runs. */
public final class EntryRequest {

    private EntryRequest() {
    }

    static String location(int index) {
        return "Bundle.entry[" + index + "].resource";
    }

    static boolean carriesResource(BundleEntryComponent entry) {
        HTTPVerb method = entry.getRequest().getMethod();
        return method == HTTPVerb.POST || method == HTTPVerb.PUT;
    }

    public static void checkShape(BundleEntryComponent entry, int index) {
        String at = "Bundle.entry[" + index + "]";
        if (!entry.hasRequest() || entry.getRequest().getMethod() == null || entry.getRequest().getMethod() == HTTPVerb.NULL) {
            throw Refusals.badRequest(IssueType.REQUIRED, at + ".request.method", "Each entry needs request.method");
        }
        if (!entry.getRequest().hasUrl()) {
            throw Refusals.badRequest(IssueType.REQUIRED, at + ".request.url", "Each entry needs request.url");
        }
        HTTPVerb method = entry.getRequest().getMethod();
        if (method == HTTPVerb.PATCH || method == HTTPVerb.HEAD) {
            throw Refusals.badRequest(IssueType.NOTSUPPORTED, at + ".request.method",
                    method.toCode() + " entries are not supported; use POST, PUT, DELETE or GET");
        }
        if (carriesResource(entry) && !entry.hasResource()) {
            throw Refusals.badRequest(IssueType.REQUIRED, at + ".resource", method.toCode() + " entries need a resource");
        }
        if (carriesResource(entry)) {
            String url = entry.getRequest().getUrl();
            String type = entry.getResource().fhirType();
            if (!url.equals(type) && !url.startsWith(type + "/") && !url.startsWith(type + "?")) {
                throw Refusals.badRequest(IssueType.INVALID, at + ".request.url",
                        "request.url '" + url + "' does not fit the entry's " + type);
            }
        }
    }

    /** FHIR's order: deletes, then creates, then updates, then reads; document order within each. */
    static List<Integer> processingOrder(List<BundleEntryComponent> entries) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt(i -> rank(entries.get(i).getRequest().getMethod())));
        return order;
    }

    private static int rank(HTTPVerb method) {
        return switch (method) {
            case DELETE -> 0;
            case POST -> 1;
            case PUT -> 2;
            default -> 3;
        };
    }

}
