package org.peerbridge.bench.scenario;

/** Cheap checks on answer bodies: the generator shares the CPU with the server, so no parsing. */
final class Bodies {

    private Bodies() {
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
