package org.peerbridge.server.bulk;

/** Where a kick-off was sent, which decides what an export holds (docs/bulk-data.md). */
enum ExportLevel {
    /** {@code [base]/$export}: every exportable type the caller may read. */
    SYSTEM,
    /** {@code [base]/Patient/$export}: the patients the caller may see and their compartments. */
    PATIENT,
    /** {@code [base]/Group/[id]/$export}: the group's member patients the caller may see and their compartments. */
    GROUP;

    String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static ExportLevel of(String code) {
        return valueOf(code.toUpperCase(java.util.Locale.ROOT));
    }

    boolean byPatient() {
        return this != SYSTEM;
    }
}
