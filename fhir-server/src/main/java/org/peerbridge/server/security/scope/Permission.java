package org.peerbridge.server.security.scope;

/** The SMART v2 permissions, in the order their letters must appear in a scope ("cruds"). */
public enum Permission {
    CREATE('c'), READ('r'), UPDATE('u'), DELETE('d'), SEARCH('s');

    private final char letter;

    Permission(char letter) {
        this.letter = letter;
    }

    public char letter() {
        return letter;
    }
}
