package org.peerbridge.server.storage;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Ids for new resources and audit records: UUIDs whose leading 48 bits are the creation time in
 * milliseconds and whose other 74 bits are random (RFC 9562 version 7). Every index whose key
 * starts with the id then receives new keys next to each other instead of all over the tree, so a
 * commit rewrites a few index pages instead of one per inserted key; the ids stay as unguessable as
 * the clock allows.
 */
public final class TimeOrderedIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TimeOrderedIds() {
    }

    public static String next() {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long millis = System.currentTimeMillis() & 0xFFFF_FFFF_FFFFL;
        long high = millis << 16 | 0x7000L | (random[0] & 0x0FL) << 8 | random[1] & 0xFFL;
        long low = 0;
        for (int i = 2; i < 10; i++) {
            low = low << 8 | random[i] & 0xFFL;
        }
        low = low & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L; // the RFC 4122 variant
        return new UUID(high, low).toString();
    }
}
