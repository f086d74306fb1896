package org.peerbridge.server.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.peerbridge.server.validation.CoreDefinitionFiles.Written;

/**
 * The R4 core definitions for the validator, in place of HAPI's {@link DefaultProfileValidationSupport}, which parses
 * all of them (45 MB of XML) at the first lookup and keeps them. Here each one is parsed from the file the build wrote
 * for it ({@link CoreDefinitionsWriter}) when first asked for, and kept. A validation asks for a few dozen; the rest are
 * never parsed. The validator takes the base types and resources, all at once, from {@link BaseStructures} instead
 * ({@link PreconvertedWorkerContext}): they are read here only when something asks for them in R4.
 */
final class CoreDefinitions implements IValidationSupport {

    static final String CORE_PACKAGE = "hl7.fhir.r4.core";
    private static final String STRUCTURE_DEFINITION_BASE = "http://hl7.org/fhir/StructureDefinition/";

    private final FhirContext fhirContext;
    private final Map<String, Written> written = new LinkedHashMap<>();
    private final Map<String, IBaseResource> parsed = new ConcurrentHashMap<>();

    CoreDefinitions(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
        for (Written definition : CoreDefinitionFiles.index()) {
            // A base structure wins over a later definition of the same URL, as in HAPI's lookup order.
            written.merge(key(definition.type(), definition.url()), definition, (earlier, later) -> earlier.base() ? earlier : later);
        }
    }

    @Override
    public FhirContext getFhirContext() {
        return fhirContext;
    }

    @Override
    public String getName() {
        return "PeerBridge R4 core definitions";
    }

    /** The base types and resources: the structures of HAPI's base bundles that are not constraints. */
    @Override
    @SuppressWarnings("unchecked")
    public <T extends IBaseResource> List<T> fetchAllStructureDefinitions() {
        return (List<T>) structures(true).filter(structure -> structure.getDerivation() != StructureDefinition.TypeDerivationRule.CONSTRAINT).toList();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends IBaseResource> List<T> fetchAllNonBaseStructureDefinitions() {
        return (List<T>) structures(false).filter(structure -> structure.getDerivation() == StructureDefinition.TypeDerivationRule.CONSTRAINT).toList();
    }

    @Override
    public List<IBaseResource> fetchAllConformanceResources() {
        return written.values().stream().map(this::parsed).toList();
    }

    @Override
    public IBaseResource fetchStructureDefinition(String url) {
        return lookUp("StructureDefinition", structureUrl(url));
    }

    @Override
    public IBaseResource fetchValueSet(String url) {
        return lookUp("ValueSet", withoutVersion(url));
    }

    @Override
    public IBaseResource fetchCodeSystem(String url) {
        return lookUp("CodeSystem", withoutVersion(url));
    }

    /** A structure's canonical URL without a version; a bare type name ("Patient") names the core's structure. */
    static String structureUrl(String url) {
        String canonical = withoutVersion(url);
        return canonical.startsWith("http") ? canonical : STRUCTURE_DEFINITION_BASE + canonical;
    }

    private Stream<StructureDefinition> structures(boolean baseOnly) {
        return written.values().stream()
                .filter(definition -> definition.type().equals("StructureDefinition") && (definition.base() || !baseOnly))
                .map(definition -> (StructureDefinition) parsed(definition));
    }

    private IBaseResource lookUp(String type, String url) {
        Written definition = written.get(key(type, url));
        return definition == null ? null : parsed(definition);
    }

    private IBaseResource parsed(Written definition) {
        return parsed.computeIfAbsent(definition.file(), file -> core(fhirContext.newJsonParser()
                .parseResource(new String(CoreDefinitionFiles.read(file), StandardCharsets.UTF_8))));
    }

    /** Marked as HAPI marks the core package's definitions, so the validator treats them alike. */
    private static <T extends IBaseResource> T core(T definition) {
        definition.setUserData(DefaultProfileValidationSupport.SOURCE_PACKAGE_ID, CORE_PACKAGE);
        return definition;
    }

    /** The core package has one version of each definition: a canonical with a version names it too. */
    private static String withoutVersion(String url) {
        int bar = url.indexOf('|');
        return bar < 0 ? url : url.substring(0, bar);
    }

    private static String key(String type, String url) {
        return type + " " + url;
    }
}
