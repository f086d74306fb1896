package org.peerbridge.server.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    @Test
    void idsAreVersion7UuidsThatStartWithTheirCreationTime() {
        long before = System.currentTimeMillis();
        String id = TimeOrderedIds.next();
        long after = System.currentTimeMillis();

        assertTrue(id.matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), id); // also a valid FHIR id
        UUID uuid = UUID.fromString(id);
        assertEquals(7, uuid.version());
        assertEquals(2, uuid.variant());
        long millis = uuid.getMostSignificantBits() >>> 16;
        assertTrue(millis >= before && millis <= after, "time " + millis + " outside [" + before + ", " + after + "]");
    }

    @Test
    void idsOfLaterMillisecondsSortAfterEarlierOnesAndNoneRepeats() {
        Set<String> seen = new HashSet<>();
        String previous = TimeOrderedIds.next();
        for (int i = 0; i < 10_000; i++) {
            String id = TimeOrderedIds.next();
            assertTrue(seen.add(id), "repeated " + id);
            if (!id.substring(0, 13).equals(previous.substring(0, 13))) { // a later millisecond
                assertTrue(id.compareTo(previous) > 0, previous + " then " + id);
            }
            previous = id;
        }
    }
}
