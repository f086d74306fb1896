package org.peerbridge.server.search;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.SearchParameter;
import org.peerbridge.server.search.SupportedParameters.Standard;

/**
 * Builds each supported parameter from its definition: R4's, as the server's one {@link FhirContext}
 * carries it ({@link RuntimeSearchParam}: type, FHIRPath expression, canonical URL), or one of PeerBridge's
 * own SearchParameter resources. Anything a definition says that
 * PeerBridge cannot index (a number parameter, an expression the terser cannot follow) stops the server
 * at start-up.
 */
final class SearchParamDefinitions {

    private final FhirContext fhirContext;
    private final Map<String, SearchParameter> ownByTypeAndCode = new LinkedHashMap<>();

    SearchParamDefinitions(FhirContext fhirContext, List<SearchParameter> own) {
        this.fhirContext = fhirContext;
        for (SearchParameter parameter : own) {
            for (CodeType base : parameter.getBase()) {
                ownByTypeAndCode.put(key(base.getValue(), parameter.getCode()), parameter);
            }
        }
    }

    SearchParamDef r4(Standard allowed) {
        String resourceType = allowed.resourceType();
        RuntimeSearchParam r4 = fhirContext.getResourceDefinition(resourceType).getSearchParam(allowed.name());
        if (r4 == null) {
            throw new IllegalArgumentException("R4 defines no search parameter '" + allowed.name() + "' on " + resourceType);
        }
        SearchParamType type = allowed.matchedAsToken() ? SearchParamType.TOKEN : SearchParamType.indexing(r4.getParamType().getCode());
        IndexedElements indexed = IndexedElements.of(fhirContext, resourceType, r4.getPath());
        List<String> targets = type != SearchParamType.REFERENCE ? List.of()
                : allowed.onlyTarget() != null ? narrowed(r4, allowed.onlyTarget()) : targets(indexed, r4.getTargets());
        return new SearchParamDef(resourceType, allowed.name(), type, indexed.paths(), targets, r4.getUri(), allowed.documentation());
    }

    SearchParamDef own(String resourceType, String code) {
        SearchParameter parameter = ownByTypeAndCode.get(key(resourceType, code));
        if (parameter == null) {
            throw new IllegalArgumentException("PeerBridge publishes no search parameter '" + code + "' on " + resourceType);
        }
        IndexedElements indexed = IndexedElements.of(fhirContext, resourceType, parameter.getExpression());
        return new SearchParamDef(resourceType, code, SearchParamType.indexing(parameter.getType().toCode()), indexed.paths(),
                targets(indexed, parameter.getTarget().stream().map(CodeType::getValue).toList()), parameter.getUrl(),
                parameter.getDescription());
    }

    /**
     * The types a reference must point at to count: the one its expression filters on, or the one its
     * definition names (so a chain may leave the type out); when the definition names several, any (the
     * element's own type already limits what it holds).
     */
    private static List<String> targets(IndexedElements indexed, Collection<String> declared) {
        if (!indexed.targetTypes().isEmpty()) {
            return indexed.targetTypes();
        }
        return declared.size() == 1 ? List.copyOf(declared) : List.of();
    }

    private static List<String> narrowed(RuntimeSearchParam r4, String onlyTarget) {
        if (!r4.getTargets().contains(onlyTarget)) {
            throw new IllegalArgumentException(r4.getName() + " never points at " + onlyTarget);
        }
        return List.of(onlyTarget);
    }

    private static String key(String resourceType, String code) {
        return resourceType + "." + code;
    }
}
