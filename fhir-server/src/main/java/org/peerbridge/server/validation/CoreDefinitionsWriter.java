package org.peerbridge.server.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.hapi.converters.canonical.VersionCanonicalizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.peerbridge.server.validation.CoreDefinitionFiles.Written;

/**
 * Run by the build (process-classes), so that the server does at start-up only what it cannot do before:
 * <ul>
 *   <li>HAPI's R4 core bundles are split into one JSON file per definition, with an index by URL, so the server parses
 *       only the few a validation asks for ({@link CoreDefinitions}) instead of all 45 MB of XML at its first lookup;</li>
 *   <li>the base types and resources are also converted to the validator's R5 model, as HAPI's validator would convert
 *       them before its first validation ({@link BaseStructures}).</li>
 * </ul>
 * Each definition is written without what the validator never reads ({@link DefinitionsForTheValidator}).
 */
public final class CoreDefinitionsWriter {

    private CoreDefinitionsWriter() {
    }

    /** @param args the output folder: target/classes + {@link CoreDefinitionFiles#FOLDER} */
    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]);
        Files.createDirectories(folder);
        FhirContext fhirContext = FhirContext.forR4();
        VersionCanonicalizer toR5 = new VersionCanonicalizer(fhirContext);
        List<String> index = new ArrayList<>();
        List<org.hl7.fhir.r5.model.StructureDefinition> baseStructures = new ArrayList<>();
        for (String bundleFile : bundles()) {
            boolean baseBundle = CoreDefinitionFiles.BASE_BUNDLES.contains(bundleFile);
            for (Bundle.BundleEntryComponent entry : CoreDefinitionFiles.parseBundle(fhirContext, bundleFile).getEntry()) {
                if (entry.getResource() instanceof MetadataResource definition && definition.hasUrl()
                        && CoreDefinitionFiles.TYPES.contains(definition.fhirType())) {
                    boolean base = baseBundle && definition instanceof StructureDefinition;
                    if (!baseBundle) {
                        requireNotBase(definition);
                    }
                    DefinitionsForTheValidator.strip(definition);
                    Written written = new Written(definition.fhirType(), definition.getUrl(), index.size() + ".json", base);
                    String json = fhirContext.newJsonParser().encodeResourceToString(definition);
                    Files.writeString(folder.resolve(written.file()), json);
                    if (base) {
                        // HAPI's own conversion, the one its validator runs, of the definition as the server reads it.
                        baseStructures.add((org.hl7.fhir.r5.model.StructureDefinition) toR5.resourceToValidatorCanonical(fhirContext.newJsonParser().parseResource(json)));
                    }
                    index.add(written.line());
                }
            }
        }
        Files.write(folder.resolve(CoreDefinitionFiles.INDEX), index);
        BaseStructures.write(folder, baseStructures);
    }

    private static List<String> bundles() {
        List<String> all = new ArrayList<>(CoreDefinitionFiles.BASE_BUNDLES);
        all.addAll(CoreDefinitionFiles.LOOKED_UP_BUNDLES);
        return all;
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
