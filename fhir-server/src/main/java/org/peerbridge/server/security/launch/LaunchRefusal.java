package org.peerbridge.server.security.launch;

/**
 * A launch that cannot go on: the HTTP status and the sentence the browser's error page shows (for the person
 * in front of the EHR: what happened and what to do, nothing about any data), and the shorter reason the audit
 * record keeps.
 */
public final class LaunchRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String auditReason;

    public LaunchRefusal(int status, String message, String auditReason) {
        super(message);
        this.status = status;
        this.auditReason = auditReason;
    }

    public int status() {
        return status;
    }

    public String auditReason() {
        return auditReason;
    }
}
