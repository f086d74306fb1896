package org.peerbridge.server.security.users;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/**
 * bcrypt (cost 12) through at.favre.lib's bcrypt, so no crypto of our own: a stolen database gives no
 * password without years of guessing. An unknown user's sign-in checks a dummy hash, so it takes as long
 * as a known user's and timing does not reveal which names exist.
 */
public final class PasswordHasher {

    /** Shortest password accepted: long passphrases beat composition rules. */
    public static final int MIN_LENGTH = 12;
    private static final int COST = 12;

    /**
     * A cost-12 hash of 32 random bytes that were thrown away: checking a password against it costs what checking a
     * real hash costs, and no password matches it. A constant, so no start-up spends a hash's CPU on it.
     */
    static final String DUMMY_HASH = "$2a$12$ApQeqwIrOMm5SSTzcegvNu1ysf/UQmwZCFvvdGTtn8FiEjbNBE35q";

    public static String hash(String password) {
        return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
    }

    public boolean matches(String password, String hash) {
        return BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.US_ASCII)).verified;
    }

    /** Spends the time of a real check, for a name that has no hash. */
    public void matchNothing(String password) {
        matches(password, DUMMY_HASH);
    }
}
