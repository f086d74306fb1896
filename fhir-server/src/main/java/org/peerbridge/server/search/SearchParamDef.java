package org.peerbridge.server.search;

import java.util.List;

/**
 * One supported search parameter: what it is called, its type, which element paths feed it, for
 * references which target types count (e.g. "patient" is subject restricted to Patient), and the
 * canonical URL of the SearchParameter that defines it.
 */
public record SearchParamDef(String resourceType, String name, SearchParamType type, List<String> paths,
        List<String> targetTypes, String definition, String description) {

    public boolean acceptsTarget(String targetType) {
        return targetTypes.isEmpty() || targetTypes.contains(targetType);
    }
}
