package org.peerbridge.server.validation;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * Run by the build (process-classes): splits HAPI's R4 core bundles of profiles, extensions, value sets and code
 * systems into one JSON file per definition, narrative left out, with an index by URL, so the server parses only the
 * few a validation asks for ({@link CoreDefinitions}) instead of all 25 MB of XML at its first lookup.
 */
public final class CoreDefinitionsWriter {

    private CoreDefinitionsWriter() {
    }

    /** @param args the output folder: target/classes + {@link CoreDefinitionFiles#FOLDER} */
    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]);
        Files.createDirectories(folder);
        FhirContext fhirContext = FhirContext.forR4();
        List<String> index = new ArrayList<>();
        for (String bundleFile : CoreDefinitionFiles.LOOKED_UP_BUNDLES) {
            for (Bundle.BundleEntryComponent entry : CoreDefinitionFiles.parseBundle(fhirContext, bundleFile).getEntry()) {
                if (entry.getResource() instanceof MetadataResource definition && definition.hasUrl()
                        && CoreDefinitionFiles.TYPES.contains(definition.fhirType())) {
                    requireNotBase(definition);
                    definition.setText(null); // the narrative: for people reading the specification, never for the validator
                    String file = index.size() + ".json";
                    Files.writeString(folder.resolve(file), fhirContext.newJsonParser().encodeResourceToString(definition));
                    index.add(definition.fhirType() + "\t" + definition.getUrl() + "\t" + file);
                }
            }
        }
        Files.write(folder.resolve(CoreDefinitionFiles.INDEX), index);
    }

    /**
     * A type, resource or logical model belongs with the base definitions, which the validator takes all at once; in
     * HAPI's R4 bundles all of them are in the base bundles. A HAPI upgrade that moves one stops the build here.
     */
    private static void requireNotBase(MetadataResource definition) {
        if (definition instanceof StructureDefinition structure && structure.getDerivation() != StructureDefinition.TypeDerivationRule.CONSTRAINT) {
            throw new IllegalStateException("A base definition outside " + CoreDefinitionFiles.BASE_BUNDLES + ": " + structure.getUrl());
        }
    }
}
