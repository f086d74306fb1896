package org.peerbridge.server.storage;

import ca.uhn.fhir.context.FhirContext;
import java.util.Date;
import org.hl7.fhir.r4.model.Resource;

/** Stored bodies are the resource's own JSON, so a read returns exactly what was written. */
public final class ResourceCodec {

    private final FhirContext fhirContext;

    /** The server's one FhirContext. */
    public FhirContext fhirContext() {
        return fhirContext;
    }

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

    /** A deleted version as history shows it: a resource of its type with only id and meta. */
    public Resource tombstone(StoredVersion row) {
        Resource empty = (Resource) fhirContext.getResourceDefinition(row.type()).newInstance();
        empty.setId(row.type() + "/" + row.id() + "/_history/" + row.version());
        empty.getMeta().setVersionId(Integer.toString(row.version()));
        empty.getMeta().setLastUpdated(new Date(row.lastUpdated()));
        return empty;
    }
}
