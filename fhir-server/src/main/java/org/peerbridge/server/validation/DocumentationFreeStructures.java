package org.peerbridge.server.validation;

import org.hl7.fhir.r5.model.ElementDefinition;
import org.hl7.fhir.r5.model.StructureDefinition;

/**
 * Takes out of a base structure what is written for people reading the specification: each element's definition,
 * comment, requirements and aliases, and the mappings to other standards. They were more than a third of the base
 * structures' JSON, and so of their parse at start-up and of the memory they hold, and the validator reports the same
 * with or without them ({@code PreconvertedWorkerContextTest} compares it with a validator that has them). What
 * constrains an instance stays: cardinalities, types, bindings, invariants with their human text, short names, slicing.
 */
final class DocumentationFreeStructures {

    private DocumentationFreeStructures() {
    }

    /** Changes the structure in place and returns it. */
    static StructureDefinition strip(StructureDefinition structure) {
        structure.setMapping(null);
        if (structure.hasSnapshot()) {
            structure.getSnapshot().getElement().forEach(DocumentationFreeStructures::strip);
        }
        if (structure.hasDifferential()) {
            structure.getDifferential().getElement().forEach(DocumentationFreeStructures::strip);
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
