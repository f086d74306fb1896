package org.peerbridge.server.storage;

import org.hl7.fhir.r4.model.Resource;

/** Works out the search-index rows of a resource version; the search layer knows which parameters there are. */
public interface ResourceIndexer {

    IndexRows extract(Resource resource);
}
