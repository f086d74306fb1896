package org.peerbridge.server.validation;

import ca.uhn.fhir.context.PerformanceOptionsEnum;
import ca.uhn.fhir.context.support.IValidationSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r5.model.Resource;
import org.hl7.fhir.r5.model.StructureDefinition;

/**
 * HAPI's worker context (the validator's view of the definitions), with the core's base structures taken as the build
 * converted them ({@link BaseStructures}). HAPI's adapter converts every base structure to R5 twice before the first
 * validation, which was most of the validator's start-up. Everything else (the project's profiles, value sets, code
 * systems, the core's other profiles and extensions) goes through HAPI's adapter as before: converted once, when first
 * asked for.
 */
final class PreconvertedWorkerContext extends WorkerContextValidationSupportAdapter {

    static {
        // HAPI's adapter asks its own R5 context only for a fetched class's resource name. Scanning the R5 model for that
        // sealed every R5 datatype first: about half a second of the validator's load. Deferred, a type is sealed
        // when something reads its children, which nothing here does; the names are the same.
        FHIR_CONTEXT_R5.setPerformanceOptions(PerformanceOptionsEnum.DEFERRED_MODEL_SCANNING);
    }

    private final BaseStructures base;
    private final IValidationSupport projectDefinitions;
    private volatile List<StructureDefinition> allStructures;
    private volatile Set<String> primitiveTypes;

    /**
     * @param chain              every definition, in R4, as HAPI's adapter takes them
     * @param projectDefinitions the project's own, which the validator's list of all structures includes after the base
     */
    PreconvertedWorkerContext(IValidationSupport chain, BaseStructures base, IValidationSupport projectDefinitions) {
        super(chain);
        this.base = base;
        this.projectDefinitions = projectDefinitions;
    }

    @Override
    public <T extends Resource> T fetchResource(Class<T> type, String uri) {
        if (type == StructureDefinition.class && uri != null) {
            StructureDefinition core = base.byUrl(CoreDefinitions.structureUrl(uri));
            if (core != null) {
                return type.cast(core);
            }
        }
        return super.fetchResource(type, uri);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends Resource> List<T> fetchResourcesByType(Class<T> type) {
        return type == StructureDefinition.class ? (List<T>) allStructures() : super.fetchResourcesByType(type);
    }

    @Override
    public List<StructureDefinition> fetchTypeDefinitions(String typeName) {
        return allStructures().stream()
                .filter(structure -> structure.hasType() && structure.getType().equals(typeName))
                .collect(Collectors.toCollection(ArrayList::new));
    }

    /** Asked on validating threads, so without a lock; two threads may both work the set out once. */
    @Override
    public boolean isPrimitiveType(String type) {
        Set<String> primitives = primitiveTypes;
        if (primitives == null) {
            primitives = allStructures().stream()
                    .filter(structure -> structure.getKind() == StructureDefinition.StructureDefinitionKind.PRIMITIVETYPE)
                    .map(StructureDefinition::getName)
                    .collect(Collectors.toUnmodifiableSet());
            primitiveTypes = primitives;
        }
        return primitives.contains(type);
    }

    private List<StructureDefinition> allStructures() {
        List<StructureDefinition> all = allStructures;
        return all != null ? all : listAllStructures();
    }

    /**
     * The base types and resources, then the project's structures, as HAPI's adapter lists them. Converting a project
     * profile generates its snapshot, which asks for this list again: that call gets the base alone, as in HAPI's. The
     * validator's load lists them, before any request validates.
     */
    private synchronized List<StructureDefinition> listAllStructures() {
        if (allStructures == null) {
            allStructures = base.typesAndResources();
            List<StructureDefinition> all = new ArrayList<>(base.typesAndResources());
            List<IBaseResource> project = projectDefinitions.fetchAllStructureDefinitions();
            for (IBaseResource structure : project == null ? List.<IBaseResource>of() : project) {
                all.add(fetchResource(StructureDefinition.class, ((org.hl7.fhir.r4.model.StructureDefinition) structure).getUrl()));
            }
            allStructures = List.copyOf(all);
        }
        return allStructures;
    }
}
