package org.peerbridge.mapping;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Property;

/**
 * Reads elements of a resource through the R4 model itself ({@link Base#getNamedProperty},
 * {@link Base#children}), so the domain rules that follow a path need no {@code FhirContext}: the
 * server's one context stays the only one in the process.
 */
public final class ElementPaths {

    private ElementPaths() {
    }

    /**
     * The non-empty values at a dotted path such as "Task.owner" or "meta.lastUpdated" (the leading
     * type name is optional); repeated elements give one value per repetition.
     */
    public static List<Base> values(Base resource, String path) {
        List<Base> current = List.of(resource);
        String[] names = path.split("\\.");
        for (int i = names[0].equals(resource.fhirType()) ? 1 : 0; i < names.length; i++) {
            List<Base> next = new ArrayList<>();
            for (Base element : current) {
                Property property = element.getNamedProperty(names[i]);
                if (property == null) {
                    throw new IllegalArgumentException("'" + names[i] + "' is not an element of " + element.fhirType() + " (in " + path + ")");
                }
                property.getValues().stream().filter(value -> value != null && !value.isEmpty()).forEach(next::add);
            }
            current = next;
        }
        return current;
    }

    /** Every non-empty element of the given type anywhere in the resource, contained resources and extensions included. */
    public static <T extends Base> List<T> allOfType(Base resource, Class<T> type) {
        List<T> found = new ArrayList<>();
        collect(resource, type, found);
        return found;
    }

    private static <T extends Base> void collect(Base element, Class<T> type, List<T> found) {
        for (Property property : element.children()) {
            for (Base value : property.getValues()) {
                if (value == null || value.isEmpty()) {
                    continue;
                }
                if (type.isInstance(value)) {
                    found.add(type.cast(value));
                }
                collect(value, type, found);
            }
        }
    }
}
