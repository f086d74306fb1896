package org.peerbridge.server.search;

/** The search parameter types PeerBridge indexes; each has its own index table. */
public enum SearchParamType {
    TOKEN("token"), STRING("string"), DATE("date"), REFERENCE("reference");

    private final String fhirCode;

    SearchParamType(String fhirCode) {
        this.fhirCode = fhirCode;
    }

    public String fhirCode() {
        return fhirCode;
    }
}
