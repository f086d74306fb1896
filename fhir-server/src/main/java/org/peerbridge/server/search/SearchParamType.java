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

    /**
     * How a parameter of FHIR type {@code code} is indexed. A uri is matched exactly, as a token without a
     * system is, so it shares the token table. PeerBridge has no table for number, quantity or composite
     * parameters, so one of those can never be supported by mistake.
     */
    public static SearchParamType indexing(String code) {
        if (code.equals("uri")) {
            return TOKEN;
        }
        for (SearchParamType type : values()) {
            if (type.fhirCode.equals(code)) {
                return type;
            }
        }
        throw new IllegalArgumentException("PeerBridge has no index for " + code + " search parameters");
    }
}
