package org.peerbridge.server.rest;

import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.PreferReturnEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;

/**
 * {@code Prefer: return=minimal} on a transaction or batch: each written entry of the answer keeps its
 * {@code response} (status, location, etag, lastModified) and loses its resource, so the server never
 * encodes the bodies it has just stored. Read entries (GET) keep theirs: reading them is what was asked.
 * HAPI honours the header itself on single creates and updates.
 */
final class MinimalEntries {

    private MinimalEntries() {
    }

    static boolean asked(RequestDetails request) {
        String prefer = request.getHeader(Constants.HEADER_PREFER);
        return prefer != null
                && RestfulServerUtils.parsePreferHeader(prefer).getReturn() == PreferReturnEnum.MINIMAL;
    }

    /** {@code sent} and {@code answer} have their entries in the same order. */
    static Bundle withoutWrittenResources(Bundle sent, Bundle answer) {
        List<BundleEntryComponent> entries = answer.getEntry();
        for (int i = 0; i < entries.size() && i < sent.getEntry().size(); i++) {
            if (sent.getEntry().get(i).getRequest().getMethod() != HTTPVerb.GET) {
                entries.get(i).setResource(null);
            }
        }
        return answer;
    }
}
