package org.peerbridge.server.validation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r5.formats.JsonParser;
import org.hl7.fhir.r5.model.PackageInformation;
import org.hl7.fhir.r5.model.StructureDefinition;
import org.peerbridge.server.validation.CoreDefinitionFiles.Written;

/**
 * The R4 base types and resources in the validator's R5 model, as the build converted them ({@link CoreDefinitionsWriter}),
 * read with the core library's own JSON parser, which needs no model scan. HAPI's adapter would parse the R4 definitions
 * and convert each of them, twice, before the first validation.
 */
final class BaseStructures {

    private final Map<String, StructureDefinition> byUrl = new HashMap<>();
    private final List<StructureDefinition> typesAndResources = new ArrayList<>();

    private BaseStructures() {
    }

    /** Marked as coming from the R4 core package, as HAPI's adapter marks the structures it converts. */
    static BaseStructures read() {
        BaseStructures structures = new BaseStructures();
        // Parsed on every core there is: the parse is most of the validator's load. The list keeps the index's order.
        List<StructureDefinition> parsed = CoreDefinitionFiles.index().stream().filter(Written::base).toList()
                .parallelStream().map(BaseStructures::parse).toList();
        for (StructureDefinition structure : parsed) {
            structure.setSourcePackage(new PackageInformation(CoreDefinitions.CORE_PACKAGE, null, null, new Date()));
            structures.byUrl.putIfAbsent(structure.getUrl(), structure);
            if (structure.getDerivation() != StructureDefinition.TypeDerivationRule.CONSTRAINT) {
                structures.typesAndResources.add(structure);
            }
        }
        return structures;
    }

    private static StructureDefinition parse(Written definition) {
        try {
            return (StructureDefinition) new JsonParser().parse(CoreDefinitionFiles.read(CoreDefinitionFiles.R5_FOLDER + definition.file()));
        } catch (IOException e) {
            throw new IllegalStateException("The build wrote " + definition.file() + " for " + definition.url() + ": it does not parse", e);
        }
    }

    /** @param canonical a URL without a version */
    StructureDefinition byUrl(String canonical) {
        return byUrl.get(canonical);
    }

    /** What the validator takes as all structures of the core: the types and resources, in HAPI's bundles' order. */
    List<StructureDefinition> typesAndResources() {
        return typesAndResources;
    }
}
