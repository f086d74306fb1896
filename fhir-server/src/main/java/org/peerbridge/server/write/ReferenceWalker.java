package org.peerbridge.server.write;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/** Finds every Reference in a resource together with its FHIRPath location, e.g. ServiceRequest.reasonReference[0]. */
public final class ReferenceWalker {

    /** A reference and where it sits. */
    public record Located(String path, Reference reference) { }

    private ReferenceWalker() {
    }

    public static List<Located> references(Resource resource) {
        List<Located> found = new ArrayList<>();
        walk(resource, resource.fhirType(), found);
        return found;
    }

    private static void walk(Base element, String path, List<Located> found) {
        for (Property property : element.children()) {
            List<Base> values = property.getValues();
            if (values.isEmpty() || "contained".equals(property.getName())) {
                continue;
            }
            boolean repeats = property.getMaxCardinality() > 1;
            for (int i = 0; i < values.size(); i++) {
                Base value = values.get(i);
                String name = property.getName().replace("[x]", "");
                String childPath = path + "." + name + (repeats ? "[" + i + "]" : "");
                if (value instanceof Reference reference) {
                    found.add(new Located(childPath, reference));
                }
                if (!value.isPrimitive()) {
                    walk(value, childPath, found);
                }
            }
        }
    }
}
