package org.peerbridge.server.validation.acceptance;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One child an element may have, under one JSON name (a choice element has one rule per type it allows),
 * compiled from its element definition.
 *
 * @param path        the definition's path, shared by every JSON name of a choice element: cardinality counts by it
 * @param type        the FHIR type this JSON name carries
 * @param min         the least number of occurrences
 * @param max         the most occurrences
 * @param repeats     whether the base definition repeats, so that JSON holds it as an array
 * @param checkable   false when the definition constrains something this fast path does not check (slices, fixed
 *                    or pattern values, bounds, type profiles): an instance that has the element goes to the HL7 validator
 * @param bound       whether the element has a terminology binding
 * @param targetTypes for a Reference, the resource types it may point to (empty: any)
 * @param invariants  the definition's own invariants of error severity
 * @param model       the rules of the children, for a complex type; null for a primitive
 */
record ChildRule(String path, String type, int min, int max, boolean repeats, boolean checkable, boolean bound,
                 Set<String> targetTypes, List<Invariant> invariants, Supplier<ElementModel> model) {
}
