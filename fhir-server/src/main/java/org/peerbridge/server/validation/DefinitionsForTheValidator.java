package org.peerbridge.server.validation;

import java.util.List;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * Takes out of a core definition what the validator never reads, before the build writes it ({@link CoreDefinitionsWriter}):
 * <ul>
 *   <li>what is written for people reading the specification: a structure's mappings to other standards, each
 *       element's definition, comment, requirements, aliases and mappings, each code's definition;</li>
 *   <li>a structure's differential: the validator works on snapshots, and reads a differential only of a profile whose
 *       snapshot it generates, and every core structure has its snapshot.</li>
 * </ul>
 * A smaller jar, less to read at start-up and less memory held, and the validator reports the same
 * ({@code PreconvertedWorkerContextTest} compares it with HAPI's validator on HAPI's own, whole definitions). What
 * constrains an instance stays: cardinalities, types, bindings, invariants with their human text, short names, slicing,
 * codes with their displays and designations.
 */
final class DefinitionsForTheValidator {

    private DefinitionsForTheValidator() {
    }

    /** Changes the definition in place. */
    static void strip(MetadataResource definition) {
        definition.setText(null);
        if (definition instanceof StructureDefinition structure) {
            structure.setMapping(null);
            structure.setDifferential(null);
            if (structure.hasSnapshot()) {
                structure.getSnapshot().getElement().forEach(DefinitionsForTheValidator::strip);
            }
        } else if (definition instanceof CodeSystem codeSystem) {
            strip(codeSystem.getConcept());
        }
    }

    private static void strip(ElementDefinition element) {
        element.setDefinitionElement(null);
        element.setCommentElement(null);
        element.setRequirementsElement(null);
        element.setAlias(null);
        element.setMapping(null);
    }

    private static void strip(List<CodeSystem.ConceptDefinitionComponent> concepts) {
        for (CodeSystem.ConceptDefinitionComponent concept : concepts) {
            concept.setDefinitionElement(null);
            strip(concept.getConcept());
        }
    }
}
