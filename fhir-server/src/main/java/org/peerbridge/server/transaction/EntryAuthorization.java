package org.peerbridge.server.transaction;

import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;

/** Whether the caller may make a Bundle entry's request; throws (403) when not. Checked before anything runs. */
@FunctionalInterface
public interface EntryAuthorization {

    /** Allows every entry: a server without authorization. */
    EntryAuthorization ALLOW_ALL = (entry, index) -> { };

    void check(BundleEntryComponent entry, int index);
}
