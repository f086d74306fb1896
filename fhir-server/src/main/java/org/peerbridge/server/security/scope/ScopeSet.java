package org.peerbridge.server.security.scope;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The scopes a client holds or a token grants, as a space-separated list (the OAuth "scope" value). */
public final class ScopeSet {

    private final List<Scope> scopes;

    private ScopeSet(List<Scope> scopes) {
        this.scopes = List.copyOf(scopes);
    }

    /** Every scope of the text; throws with the first one PeerBridge does not know, so a typo never passes silently. */
    public static ScopeSet parse(String text) {
        List<Scope> parsed = new ArrayList<>();
        for (String part : split(text)) {
            parsed.add(Scope.parse(part).orElseThrow(() -> new IllegalArgumentException(
                    "'" + part + "' is not a scope PeerBridge grants (system/Type.cruds, system/*.rs, system/Type.read|write, "
                            + Scope.ADMIN + ")")));
        }
        return new ScopeSet(parsed);
    }

    public static ScopeSet of(List<Scope> scopes) {
        return new ScopeSet(scopes);
    }

    /** The parts of a space-separated list, duplicates dropped. */
    public static Set<String> split(String text) {
        Set<String> parts = new LinkedHashSet<>();
        if (text != null) {
            for (String part : text.trim().split("\\s+")) {
                if (!part.isEmpty()) {
                    parts.add(part);
                }
            }
        }
        return parts;
    }

    public boolean allows(String type, Permission permission) {
        return scopes.stream().anyMatch(s -> s.allows(type, permission));
    }

    /** True when a wildcard scope gives the permission on every type. */
    public boolean allowsEveryType(Permission permission) {
        return allows(Scope.ANY_TYPE, permission);
    }

    public boolean admin() {
        return scopes.stream().anyMatch(Scope::admin);
    }

    public boolean isEmpty() {
        return scopes.isEmpty();
    }

    /** The requested scopes this set covers whole; the rest are not granted. */
    public ScopeSet grant(ScopeSet requested) {
        return new ScopeSet(requested.scopes.stream().filter(s -> s.within(this)).toList());
    }

    public String asString() {
        return String.join(" ", scopes.stream().map(Scope::asString).toList());
    }

    @Override
    public String toString() {
        return asString();
    }
}
