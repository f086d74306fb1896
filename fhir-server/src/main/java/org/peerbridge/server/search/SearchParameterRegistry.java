package org.peerbridge.server.search;

import static org.peerbridge.server.search.SearchParamType.REFERENCE;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.SearchParameter;
import org.peerbridge.mapping.search.OwnSearchParameters;
import org.peerbridge.server.search.SupportedParameters.Allowed;

/**
 * The single list of search parameters PeerBridge supports. The indexer, the query parser and the
 * CapabilityStatement all read it, so what is advertised is exactly what works. Which parameters is
 * {@link SupportedParameters}; what each one is comes from its definition (R4's, or PeerBridge's own).
 */
public final class SearchParameterRegistry {

    /** Parameters every resource type has; answered from the resource table itself. */
    public static final String ID = "_id";
    public static final String LAST_UPDATED = "_lastUpdated";

    private final Map<String, Map<String, SearchParamDef>> byType = new LinkedHashMap<>();

    private SearchParameterRegistry() {
    }

    /** The supported parameters, defined by R4 as {@code fhirContext} carries it and by PeerBridge's own SearchParameters. */
    public static SearchParameterRegistry standard(FhirContext fhirContext) {
        return of(fhirContext, SupportedParameters.all(), OwnSearchParameters.all());
    }

    static SearchParameterRegistry of(FhirContext fhirContext, List<Allowed> allowed, List<SearchParameter> own) {
        SearchParamDefinitions definitions = new SearchParamDefinitions(fhirContext, own);
        SearchParameterRegistry registry = new SearchParameterRegistry();
        for (Allowed parameter : allowed) {
            registry.put(parameter.define(definitions));
        }
        for (SearchParameter parameter : own) {
            parameter.getBase().forEach(base -> registry.find(base.getValue(), parameter.getCode())
                    .filter(def -> def.definition().equals(parameter.getUrl()))
                    .orElseThrow(() -> new IllegalStateException("PeerBridge publishes " + parameter.getUrl()
                            + " but SupportedParameters does not list it on " + base.getValue())));
        }
        return registry;
    }

    private void put(SearchParamDef def) {
        if (byType.computeIfAbsent(def.resourceType(), t -> new LinkedHashMap<>()).putIfAbsent(def.name(), def) != null) {
            throw new IllegalStateException(def.resourceType() + "." + def.name() + " is listed twice");
        }
    }

    public Optional<SearchParamDef> find(String resourceType, String name) {
        return Optional.ofNullable(byType.getOrDefault(resourceType, Map.of()).get(name));
    }

    public List<SearchParamDef> forType(String resourceType) {
        return List.copyOf(byType.getOrDefault(resourceType, Map.of()).values());
    }

    /** Reference parameters of a type: what _include Type:param and _revinclude Type:param may name. */
    public List<SearchParamDef> referenceParams(String resourceType) {
        List<SearchParamDef> refs = new ArrayList<>();
        for (SearchParamDef def : forType(resourceType)) {
            if (def.type() == REFERENCE) {
                refs.add(def);
            }
        }
        return refs;
    }

    /** Every (source type, reference param) that can point at targetType: what _revinclude can follow. */
    public List<SearchParamDef> referencesInto(String targetType) {
        List<SearchParamDef> refs = new ArrayList<>();
        for (String type : byType.keySet()) {
            for (SearchParamDef def : referenceParams(type)) {
                if (def.acceptsTarget(targetType)) {
                    refs.add(def);
                }
            }
        }
        return Collections.unmodifiableList(refs);
    }
}
