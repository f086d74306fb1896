package org.peerbridge.server.validation.acceptance;

import java.util.List;
import java.util.Map;

/**
 * The rules of one element's children, compiled from a StructureDefinition snapshot: a resource's root, a
 * backbone element, or a data type.
 *
 * @param childByJsonName each child by the name JSON gives it (choice elements under each typed name)
 * @param required        the children with a minimum cardinality above zero
 * @param invariants      the invariants of error severity of the element itself (a resource's or a data type's root)
 * @param checkable       false when one of those invariants cannot be evaluated here: an instance goes to the HL7 validator
 */
record ElementModel(Map<String, ChildRule> childByJsonName, List<ChildRule> required, List<Invariant> invariants, boolean checkable) {
}
