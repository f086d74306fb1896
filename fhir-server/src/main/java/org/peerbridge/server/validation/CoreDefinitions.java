package org.peerbridge.server.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * The R4 core definitions for the validator, in place of HAPI's {@link DefaultProfileValidationSupport}, which parses
 * all of them (45 MB of XML) at the first lookup and keeps them. Here:
 * <ul>
 *   <li>"all StructureDefinitions" are the base types and resources, parsed from HAPI's two bundles of them: the
 *       validator converts that list to its own model before its first validation. The core package's hundreds of
 *       profiles and extensions are not in it (that conversion would take many seconds);</li>
 *   <li>every other definition (a profile, an extension, a value set, a code system) is parsed from the file the build
 *       wrote for it ({@link CoreDefinitionsWriter}) when the validator first asks for its URL, and kept.</li>
 * </ul>
 * A validation asks for a few dozen; the rest are never parsed. Narratives are left out: the validator never reads them.
 */
final class CoreDefinitions implements IValidationSupport {

    private static final String CORE_PACKAGE = "hl7.fhir.r4.core";
    private static final String STRUCTURE_DEFINITION_BASE = "http://hl7.org/fhir/StructureDefinition/";

    /** One written definition, by its line in the index. */
    private record Written(String type, String url, String file) { }

    private final FhirContext fhirContext;
    private final Map<String, Written> written = new LinkedHashMap<>();
    private final Map<String, IBaseResource> parsed = new ConcurrentHashMap<>();
    private List<IBaseResource> baseDefinitions;
    private Map<String, IBaseResource> baseBundleStructures;

    CoreDefinitions(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
        String index = new String(read(CoreDefinitionFiles.INDEX), StandardCharsets.UTF_8);
        for (String line : index.split("\n")) {
            String[] fields = line.split("\t", -1);
            written.put(key(fields[0], fields[1]), new Written(fields[0], fields[1], fields[2]));
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

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <T extends IBaseResource> List<T> fetchAllStructureDefinitions() {
        if (baseDefinitions == null) {
            Map<String, IBaseResource> byUrl = new LinkedHashMap<>();
            List<IBaseResource> base = new ArrayList<>();
            for (String bundle : CoreDefinitionFiles.BASE_BUNDLES) {
                for (Bundle.BundleEntryComponent entry : CoreDefinitionFiles.parseBundle(fhirContext, bundle).getEntry()) {
                    if (entry.getResource() instanceof StructureDefinition structure) {
                        core(structure);
                        byUrl.put(structure.getUrl(), structure);
                        if (structure.getDerivation() != StructureDefinition.TypeDerivationRule.CONSTRAINT) {
                            base.add(structure);
                        }
                    }
                }
            }
            baseBundleStructures = byUrl;
            baseDefinitions = List.copyOf(base);
        }
        return (List<T>) baseDefinitions;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends IBaseResource> List<T> fetchAllNonBaseStructureDefinitions() {
        List<IBaseResource> profiles = new ArrayList<>();
        baseStructures().values().stream()
                .filter(sd -> ((StructureDefinition) sd).getDerivation() == StructureDefinition.TypeDerivationRule.CONSTRAINT)
                .forEach(profiles::add);
        written.values().stream().filter(definition -> definition.type().equals("StructureDefinition"))
                .forEach(definition -> profiles.add(parsed(definition)));
        return (List<T>) profiles;
    }

    @Override
    public List<IBaseResource> fetchAllConformanceResources() {
        List<IBaseResource> all = new ArrayList<>(baseStructures().values());
        written.values().forEach(definition -> all.add(parsed(definition)));
        return all;
    }

    @Override
    public IBaseResource fetchStructureDefinition(String url) {
        String canonical = withoutVersion(url);
        if (!canonical.startsWith("http")) {
            canonical = STRUCTURE_DEFINITION_BASE + canonical;
        }
        IBaseResource base = baseStructures().get(canonical);
        return base != null ? base : lookUp("StructureDefinition", canonical);
    }

    @Override
    public IBaseResource fetchValueSet(String url) {
        return lookUp("ValueSet", withoutVersion(url));
    }

    @Override
    public IBaseResource fetchCodeSystem(String url) {
        return lookUp("CodeSystem", withoutVersion(url));
    }

    private synchronized Map<String, IBaseResource> baseStructures() {
        fetchAllStructureDefinitions();
        return baseBundleStructures;
    }

    private IBaseResource lookUp(String type, String url) {
        Written definition = written.get(key(type, url));
        return definition == null ? null : parsed(definition);
    }

    private IBaseResource parsed(Written definition) {
        return parsed.computeIfAbsent(definition.file(), file -> core(fhirContext.newJsonParser()
                .parseResource(new String(read(file), StandardCharsets.UTF_8))));
    }

    /** Without its narrative, and marked as HAPI marks the core package's definitions, so the validator treats them alike. */
    private static <T extends IBaseResource> T core(T definition) {
        if (definition instanceof DomainResource resource) {
            resource.setText(null);
        }
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

    private static byte[] read(String file) {
        try (InputStream in = CoreDefinitions.class.getResourceAsStream(CoreDefinitionFiles.FOLDER + file)) {
            if (in == null) {
                throw new IllegalStateException("The build writes " + CoreDefinitionFiles.FOLDER + file + " (CoreDefinitionsWriter); it is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
