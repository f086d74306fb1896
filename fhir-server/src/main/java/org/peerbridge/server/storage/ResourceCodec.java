package org.peerbridge.server.storage;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Resource;

/** Stored bodies are the resource's own JSON, so a read returns exactly what was written. */
public final class ResourceCodec {

    private final FhirContext fhirContext;

    public ResourceCodec(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    public String encode(Resource resource) {
        return fhirContext.newJsonParser().encodeResourceToString(resource);
    }

    public Resource decode(StoredVersion row) {
        Resource resource = (Resource) fhirContext.newJsonParser().parseResource(row.body());
        resource.setId(row.type() + "/" + row.id() + "/_history/" + row.version());
        return resource;
    }
}
