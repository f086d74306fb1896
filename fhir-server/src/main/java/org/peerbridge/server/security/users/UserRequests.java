package org.peerbridge.server.security.users;

import java.util.Locale;
import org.peerbridge.mapping.access.Role;

/**
 * What a new user must be, the same for the {@code users} command and the admin API: a plain user name,
 * a role whose organization fits it (program staff and admins act for the program's Organization, a
 * referrer for another one), and a password of at least {@link PasswordHasher#MIN_LENGTH} characters.
 */
public final class UserRequests {

    private UserRequests() {
    }

    /** The user described, or IllegalArgumentException saying what is wrong. */
    public static WebUser user(String username, String role, String organization, String password, String programOrganization) {
        if (username == null || !username.matches("[A-Za-z0-9._@-]{1,128}")) {
            throw new IllegalArgumentException("username must be 1-128 letters, digits, '.', '_', '@' or '-'");
        }
        Role parsed = role(role);
        if (organization == null || !organization.matches("Organization/[A-Za-z0-9.-]{1,64}")) {
            throw new IllegalArgumentException("organization must be a reference such as Organization/general-hospital");
        }
        boolean program = programOrganization.equals(organization);
        if (parsed == Role.REFERRER && program) {
            throw new IllegalArgumentException("a referrer acts for a referring organization, not the program (" + programOrganization + ")");
        }
        if (parsed != Role.REFERRER && !program) {
            throw new IllegalArgumentException("program staff and admins act for the program's organization " + programOrganization);
        }
        password(password);
        return new WebUser(username, parsed, organization, true);
    }

    public static Role role(String role) {
        try {
            return Role.valueOf(role == null ? "" : role.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("role must be program, referrer or admin");
        }
    }

    public static void password(String password) {
        if (password == null || password.length() < PasswordHasher.MIN_LENGTH) {
            throw new IllegalArgumentException("password must have at least " + PasswordHasher.MIN_LENGTH + " characters");
        }
    }
}
