package org.peerbridge.server.app;

import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Resource;
import org.peerbridge.server.storage.ResourceStore;

/**
 * What must exist before the first request: the published profiles (stored like any resource, so
 * read, search and history work on them) and the program Organization that owns referral Tasks.
 */
final class StartupData {

    private final ResourceStore store;
    private final List<IBaseResource> conformance;
    private final String programOrg;

    StartupData(ResourceStore store, List<IBaseResource> conformance, String programOrg) {
        this.store = store;
        this.conformance = conformance;
        this.programOrg = programOrg;
    }

    void ensurePresent() {
        store.write(uow -> {
            for (IBaseResource resource : conformance) {
                Resource published = ((Resource) resource).copy();
                String type = published.fhirType();
                String id = published.getIdElement().getIdPart();
                var current = uow.currentRow(type, id);
                if (current.isEmpty()) {
                    uow.create(published);
                } else if (!sameContent(uow.decode(current.get()), published)) {
                    uow.update(published, current.get()); // a newer profile file replaces the stored one
                }
            }
            IdType org = new IdType(programOrg);
            if (!"Organization".equals(org.getResourceType()) || !org.hasIdPart()) {
                throw new IllegalArgumentException("--program-org must be a reference like Organization/my-program, not " + programOrg);
            }
            if (uow.currentRow(org.getResourceType(), org.getIdPart()).isEmpty()) {
                Organization program = new Organization();
                program.setId(org.getIdPart());
                program.setActive(true);
                program.setName("PeerBridge peer support program");
                uow.create(program);
            }
            return null;
        });
    }

    private static boolean sameContent(Resource stored, Resource published) {
        Resource a = stored.copy();
        a.setMeta(null);
        a.setId((String) null);
        Resource b = published.copy();
        b.setMeta(null);
        b.setId((String) null);
        return a.equalsDeep(b);
    }
}
