package org.peerbridge.server.validation;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.hl7.fhir.r5.model.PackageInformation;
import org.hl7.fhir.r5.model.StructureDefinition;

/**
 * The R4 base types and resources in the validator's R5 model, as the build converted them ({@link CoreDefinitionsWriter}).
 * HAPI's adapter would parse the R4 definitions and convert each of them, twice, before the first validation.
 * They are handed over in {@link SerializedStructures}, which read back faster than JSON parses: the parse was the
 * longest part of the validator's load.
 */
final class BaseStructures {

    private final Map<String, StructureDefinition> byUrl = new HashMap<>();
    private final List<StructureDefinition> typesAndResources = new ArrayList<>();

    private BaseStructures() {
    }

    /** Writes the structures for {@link #read()}: the n-th of them into file n modulo the number of files. */
    static void write(Path folder, List<StructureDefinition> structures) throws IOException {
        int files = CoreDefinitionFiles.BASE_STRUCTURE_FILES;
        for (int number = 0; number < files; number++) {
            ArrayList<StructureDefinition> dealt = new ArrayList<>();
            for (int position = number; position < structures.size(); position += files) {
                dealt.add(structures.get(position));
            }
            try (OutputStream file = Files.newOutputStream(folder.resolve(CoreDefinitionFiles.baseStructureFile(number)))) {
                SerializedStructures.write(file, dealt);
            }
        }
    }

    /** Marked as coming from the R4 core package, as HAPI's adapter marks the structures it converts. */
    static BaseStructures read() {
        BaseStructures structures = new BaseStructures();
        // The files are read on every core there is, then dealt back into the index's order.
        int files = CoreDefinitionFiles.BASE_STRUCTURE_FILES;
        List<List<StructureDefinition>> dealt = IntStream.range(0, files).parallel().mapToObj(BaseStructures::readFile).toList();
        int count = dealt.stream().mapToInt(List::size).sum();
        for (int position = 0; position < count; position++) {
            StructureDefinition structure = dealt.get(position % files).get(position / files);
            structure.setSourcePackage(new PackageInformation(CoreDefinitions.CORE_PACKAGE, null, null, new Date()));
            structures.byUrl.putIfAbsent(structure.getUrl(), structure);
            if (structure.getDerivation() != StructureDefinition.TypeDerivationRule.CONSTRAINT) {
                structures.typesAndResources.add(structure);
            }
        }
        return structures;
    }

    private static List<StructureDefinition> readFile(int number) {
        String file = CoreDefinitionFiles.baseStructureFile(number);
        return SerializedStructures.read(CoreDefinitionFiles.read(file), file);
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
