package org.peerbridge.server.validation;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Where the R4 core definitions are: HAPI's bundles (in its R4 structures jar), read by the build only, and the
 * classpath folder into which the build writes one JSON file per definition the validator may look up by URL
 * ({@link CoreDefinitionsWriter}).
 */
final class CoreDefinitionFiles {

    /** HAPI's bundles of the base types and resources: what the validator takes all at once, before its first validation. */
    static final List<String> BASE_BUNDLES = List.of(
            "/org/hl7/fhir/r4/model/profile/profiles-resources.xml",
            "/org/hl7/fhir/r4/model/profile/profiles-types.xml");

    /** HAPI's bundles of everything else (profiles, extensions, value sets, code systems), in HAPI's order. */
    static final List<String> LOOKED_UP_BUNDLES = List.of(
            "/org/hl7/fhir/r4/model/profile/profiles-others.xml",
            "/org/hl7/fhir/r4/model/extension/extension-definitions.xml",
            "/org/hl7/fhir/r4/model/valueset/valuesets.xml",
            "/org/hl7/fhir/r4/model/valueset/v2-tables.xml",
            "/org/hl7/fhir/r4/model/valueset/v3-codesystems.xml");

    /** The classpath folder of the written files; {@value #INDEX} lists them. */
    static final String FOLDER = "/org/peerbridge/server/validation/core/";
    static final String INDEX = "index.tsv";
    /**
     * The base structures converted to the validator's R5 model, in the index's order, as Java-serialized lists of R5
     * StructureDefinitions split into this many files (read in parallel): {@code base-structures-0.ser} and on.
     */
    static final int BASE_STRUCTURE_FILES = 4;

    /** The definition types the validator looks up by URL. */
    static final List<String> TYPES = List.of("StructureDefinition", "ValueSet", "CodeSystem");

    /**
     * One written definition: a line of the index, "type TAB url TAB file TAB base", in HAPI's bundles' order.
     *
     * @param base whether it comes from {@link #BASE_BUNDLES}; such a structure has an R5 file too
     */
    record Written(String type, String url, String file, boolean base) {

        String line() {
            return type + "\t" + url + "\t" + file + "\t" + (base ? "base" : "");
        }

        static Written of(String line) {
            String[] fields = line.split("\t", -1);
            return new Written(fields[0], fields[1], fields[2], fields[3].equals("base"));
        }
    }

    private CoreDefinitionFiles() {
    }

    /** One of HAPI's bundles above, parsed. */
    static Bundle parseBundle(FhirContext fhirContext, String path) {
        try (Reader reader = new InputStreamReader(CoreDefinitionFiles.class.getResourceAsStream(path), StandardCharsets.UTF_8)) {
            return fhirContext.newXmlParser().parseResource(Bundle.class, reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String baseStructureFile(int number) {
        return "base-structures-" + number + ".ser";
    }

    /** The written definitions, as the index lists them. */
    static List<Written> index() {
        List<Written> index = new ArrayList<>();
        for (String line : new String(read(INDEX), StandardCharsets.UTF_8).split("\n")) {
            index.add(Written.of(line));
        }
        return index;
    }

    /** @param file a path under {@link #FOLDER} */
    static byte[] read(String file) {
        try (InputStream in = CoreDefinitionFiles.class.getResourceAsStream(FOLDER + file)) {
            if (in == null) {
                throw new IllegalStateException("The build writes " + FOLDER + file + " (CoreDefinitionsWriter); it is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
