package org.peerbridge.server.security.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void aStoredHashMatchesItsPasswordOnly() {
        String hash = PasswordHasher.hash("correct horse battery");
        assertTrue(hasher.matches("correct horse battery", hash));
        assertFalse(hasher.matches("correct horse battery!", hash));
    }

    /** An unknown name's check must cost what a known one's does: the same algorithm version and cost. */
    @Test
    void theDummyHashCostsWhatARealOneDoes() {
        String real = PasswordHasher.hash("correct horse battery");
        assertEquals(real.substring(0, 7), PasswordHasher.DUMMY_HASH.substring(0, 7), "version and cost, e.g. $2a$12$");
        assertEquals(real.length(), PasswordHasher.DUMMY_HASH.length());
        assertFalse(hasher.matches("", PasswordHasher.DUMMY_HASH));
        assertFalse(hasher.matches("not a password of anyone's", PasswordHasher.DUMMY_HASH));
    }
}
