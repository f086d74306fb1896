package org.peerbridge.mapping.session;

import java.util.Objects;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;

/** Compares references by their target (Type/id), whatever base URL or version they were written with. */
public final class ReferenceTargets {

    private ReferenceTargets() {
    }

    /** "Type/id" of a literal reference, or null when there is none. */
    public static String target(Reference reference) {
        if (reference == null || !reference.hasReference()) {
            return null;
        }
        IdType id = new IdType(reference.getReference());
        return id.hasResourceType() ? id.toUnqualifiedVersionless().getValue() : reference.getReference();
    }

    public static String type(Reference reference) {
        if (reference == null || !reference.hasReference()) {
            return null;
        }
        return new IdType(reference.getReference()).getResourceType();
    }

    public static boolean sameTarget(Reference a, Reference b) {
        String left = target(a);
        return left != null && Objects.equals(left, target(b));
    }
}
