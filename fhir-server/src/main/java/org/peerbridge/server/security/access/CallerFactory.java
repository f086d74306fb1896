package org.peerbridge.server.security.access;

import org.peerbridge.mapping.access.ReferralAccess;
import org.peerbridge.mapping.access.Role;
import org.peerbridge.server.security.scope.Permission;
import org.peerbridge.server.security.scope.Scope;
import org.peerbridge.server.security.scope.ScopeSet;
import org.peerbridge.server.storage.ReadScope;

/**
 * Turns an authenticated client into a {@link Caller} and its {@link ReadScope}: the program's own
 * clients see every organization's data; every other client sees its organization's referrals and what
 * derives from them, plus the shared directory.
 */
public final class CallerFactory {

    private final String programOrganization;

    public CallerFactory(String programOrganization) {
        this.programOrganization = programOrganization;
    }

    public Caller caller(String clientId, String organization, ScopeSet scopes) {
        boolean program = programOrganization.equals(organization);
        return new Caller(clientId, organization, Role.of(organization, programOrganization, scopes.admin()), scopes, program);
    }

    /** A signed-in web user: the pages only read, so read and search on every type; admins also hold the admin scope. */
    public Caller user(String username, String organization, Role role) {
        return caller("user:" + username, organization, ScopeSet.parse(role == Role.ADMIN ? "system/*.rs " + Scope.ADMIN : "system/*.rs"));
    }

    /** The development caller of --no-auth: the program itself, with every permission but the admin scope. */
    public Caller development() {
        return caller("no-auth", programOrganization, ScopeSet.parse("system/*.cruds"));
    }

    public ReadScope readScope(Caller caller) {
        return new ReadScope(caller.seesEverything() ? null : caller.organization(), caller.organization(), ReferralAccess.SHARED_TYPES,
                type -> caller.scopes().allows(type, Permission.READ));
    }
}
