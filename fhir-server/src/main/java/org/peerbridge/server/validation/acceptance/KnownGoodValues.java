package org.peerbridge.server.validation.acceptance;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Coded values (a Coding, a CodeableConcept, a Quantity, a bound code, a URI) the HL7 validator found
 * no error in, each at the element definition it sat in, as sent by one organization. Whether such a value is
 * valid depends on code systems and value sets the validator looks up, not on the rest of the resource,
 * so a later resource carrying the same value at the same element needs no new look-up. Learned only from
 * resources the validator accepted whole; kept per sending organization, so how fast a write is
 * validated tells nothing about what another organization sent; bounded, after which nothing more is learned.
 */
final class KnownGoodValues {

    private final Set<String> keys = ConcurrentHashMap.newKeySet();
    private final int capacity;

    KnownGoodValues(int capacity) {
        this.capacity = capacity;
    }

    static String key(String sender, String definitionPath, String json) {
        return sender + '\n' + definitionPath + '\n' + json;
    }

    boolean contains(String key) {
        return keys.contains(key);
    }

    void learn(Collection<String> learned) {
        for (String key : learned) {
            if (keys.size() >= capacity) {
                return;
            }
            keys.add(key);
        }
    }

    int size() {
        return keys.size();
    }
}
