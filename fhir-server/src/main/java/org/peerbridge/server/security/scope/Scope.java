package org.peerbridge.server.security.scope;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SMART system scope: {@code system/Task.rs} (v2), {@code system/Task.read} (v1), {@code system/*.cruds};
 * or PeerBridge's own {@link #ADMIN} scope. {@code resourceType} is "*" for every type.
 */
public record Scope(String resourceType, Set<Permission> permissions, boolean admin) {

    /** Manages clients and reads the audit trail; never implied by a wildcard. */
    public static final String ADMIN = "peerbridge/admin";
    public static final String ANY_TYPE = "*";

    private static final Pattern SYSTEM = Pattern.compile("system/([A-Z][A-Za-z]+|\\*)\\.([a-z*]+)");

    public Scope {
        permissions = permissions.isEmpty() ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(permissions);
    }

    /** The scope a string names, or empty when it is not one PeerBridge grants (user/, patient/, query suffixes ...). */
    public static Optional<Scope> parse(String text) {
        if (ADMIN.equals(text)) {
            return Optional.of(new Scope(null, Set.of(), true));
        }
        Matcher m = SYSTEM.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        return permissions(m.group(2)).map(p -> new Scope(m.group(1), p, false));
    }

    private static Optional<Set<Permission>> permissions(String text) {
        switch (text) {
            case "read":
                return Optional.of(EnumSet.of(Permission.READ, Permission.SEARCH));
            case "write":
                return Optional.of(EnumSet.of(Permission.CREATE, Permission.UPDATE, Permission.DELETE));
            case "*":
                return Optional.of(EnumSet.allOf(Permission.class));
            default:
                break;
        }
        // v2: each letter at most once, in the order c r u d s
        Set<Permission> result = EnumSet.noneOf(Permission.class);
        int next = 0;
        for (char letter : text.toCharArray()) {
            Permission found = null;
            for (Permission p : Permission.values()) {
                if (p.letter() == letter && p.ordinal() >= next) {
                    found = p;
                }
            }
            if (found == null) {
                return Optional.empty();
            }
            result.add(found);
            next = found.ordinal() + 1;
        }
        return result.isEmpty() ? Optional.empty() : Optional.of(result);
    }

    public boolean allows(String type, Permission permission) {
        return !admin && (ANY_TYPE.equals(resourceType) || resourceType.equals(type)) && permissions.contains(permission);
    }

    /** True when this scope allows nothing {@code other} does not. */
    public boolean within(ScopeSet other) {
        if (admin) {
            return other.admin();
        }
        for (Permission p : permissions) {
            if (ANY_TYPE.equals(resourceType) ? !other.allowsEveryType(p) : !other.allows(resourceType, p)) {
                return false;
            }
        }
        return true;
    }

    /** The v2 spelling, e.g. system/Task.rs. */
    public String asString() {
        if (admin) {
            return ADMIN;
        }
        StringBuilder letters = new StringBuilder();
        permissions.forEach(p -> letters.append(p.letter()));
        return "system/" + resourceType + "." + letters;
    }
}
