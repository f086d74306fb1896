package org.peerbridge.server.validation;

import org.hl7.fhir.r5.model.ElementDefinition;
import org.hl7.fhir.r5.model.StructureDefinition;

/**
 * Takes out of a base structure what the validator never reads:
 * <ul>
 *   <li>what is written for people reading the specification: each element's definition, comment, requirements and
 *       aliases, and the mappings to other standards (more than a third of the structures);</li>
 *   <li>the differential: the validator works on snapshots, and reads a differential only of a profile whose snapshot
 *       it generates, never of a base structure (a fifth of what was left).</li>
 * </ul>
 * Less to read at start-up and less memory held, and the validator reports the same ({@code PreconvertedWorkerContextTest}
 * compares it with a validator that has all of it). What constrains an instance stays: cardinalities, types, bindings,
 * invariants with their human text, short names, slicing.
 */
final class StructuresForTheValidator {

    private StructuresForTheValidator() {
    }

    /** Changes the structure in place and returns it. */
    static StructureDefinition strip(StructureDefinition structure) {
        structure.setMapping(null);
        structure.setDifferential(null);
        if (structure.hasSnapshot()) {
            structure.getSnapshot().getElement().forEach(StructuresForTheValidator::strip);
        }
        return structure;
    }

    private static void strip(ElementDefinition element) {
        element.setDefinitionElement(null);
        element.setCommentElement(null);
        element.setRequirementsElement(null);
        element.setAlias(null);
        element.setMapping(null);
    }
}
