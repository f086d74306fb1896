package org.peerbridge.server.validation;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Where the R4 core definitions are: HAPI's bundles (in its R4 structures jar), and the classpath folder into which the
 * build writes one JSON file per definition the validator may look up by URL ({@link CoreDefinitionsWriter}).
 */
final class CoreDefinitionFiles {

    /** HAPI's bundles of the base types and resources: what the validator converts before its first validation. */
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

    /** The classpath folder of the written files; {@value #INDEX} lists them, one "type TAB url TAB file" line each. */
    static final String FOLDER = "/org/peerbridge/server/validation/core/";
    static final String INDEX = "index.tsv";

    /** The definition types the validator looks up by URL. */
    static final List<String> TYPES = List.of("StructureDefinition", "ValueSet", "CodeSystem");

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
}
